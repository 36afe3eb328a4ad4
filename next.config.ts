import type { NextConfig } from "next";

const config: NextConfig = {
  // The portal runs on machines without internet: nothing may be fetched at build or run time.
  poweredByHeader: false,
  typedRoutes: false,
  // The Pulumi SDK loads its runtime, gRPC, a vendored TypeScript and provider plugins from node_modules at run time
  // (and spawns the CLI): bundling it breaks those lookups, so the server requires it from node_modules instead.
  serverExternalPackages: ["@pulumi/pulumi", "@pulumi/aws"],
  // Build output (scripts, styles) skips proxy.ts, which sets every other response's security headers (CSP with a
  // per-request nonce, HSTS from PUBLIC_URL); these two do not depend on the request.
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default config;
