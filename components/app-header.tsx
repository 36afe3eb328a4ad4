// The portal's top bar: brand, the main sections and the signed-in person (behind a Menu button on a phone); under
// it, inside the same banner landmark, the provisioner's banner (simulated, or the Pulumi CLI missing) for signed-in
// people.
import Link from "next/link";
import { HeaderNav } from "./auth/header-nav";
import { NavMenu } from "./nav-menu";
import { ProvisionerBanner } from "./provisioning/provisioner-banner";

export function AppHeader() {
  return (
    <header className="app-banner">
      <div className="app-header">
        <div className="app-header-inner">
          <Link href="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              <svg viewBox="0 0 24 24" width="22" height="22">
                <ellipse cx="12" cy="5.5" rx="8" ry="3" fill="none" stroke="currentColor" strokeWidth="1.8" />
                <path d="M4 5.5v6c0 1.7 3.6 3 8 3s8-1.3 8-3v-6M4 11.5v6c0 1.7 3.6 3 8 3s8-1.3 8-3v-6" fill="none" stroke="currentColor" strokeWidth="1.8" />
              </svg>
            </span>
            Datastore Portal
          </Link>
          <NavMenu>
            <HeaderNav />
          </NavMenu>
        </div>
      </div>
      <ProvisionerBanner />
    </header>
  );
}
