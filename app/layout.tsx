import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Datastore Portal", template: "%s · Datastore Portal" },
  description: "Describe a workload, get a store recommendation and a capacity plan, and provision it.",
};

// No web fonts: the portal runs on machines without internet, so globals.css uses the system font stack.
export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry that response's CSP nonce (proxy.ts), which a page built
  // ahead of time could not know.
  await connection();
  return (
    <html lang="en">
      <body>
        {/* The first stop for keyboard users: past the header and its sections, straight to the page. */}
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <Providers>
          <AppHeader />
          <main className="app-main" id="main" tabIndex={-1}>
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
