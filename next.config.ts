import type { NextConfig } from "next";

const config: NextConfig = {
  // The portal runs on machines without internet: nothing may be fetched at build or run time.
  poweredByHeader: false,
  typedRoutes: false,
  // The Pulumi SDK loads its runtime, gRPC, a vendored TypeScript and provider plugins from node_modules at run time
  // (and spawns the CLI): bundling it breaks those lookups, so the server requires it from node_modules instead.
  serverExternalPackages: ["@pulumi/pulumi", "@pulumi/aws"],
};

export default config;
