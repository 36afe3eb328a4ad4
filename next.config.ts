import type { NextConfig } from "next";

const config: NextConfig = {
  // The portal runs on machines without internet: nothing may be fetched at build or run time.
  poweredByHeader: false,
  typedRoutes: false,
  serverExternalPackages: [],
};

export default config;
