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
        <Providers>
          <AppHeader />
          <main className="app-main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
