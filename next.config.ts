import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Both database drivers must load from node_modules at runtime: PGlite ships
  // a WASM build that the bundler cannot inline, postgres.js uses Node sockets.
  serverExternalPackages: ["postgres", "@electric-sql/pglite"],
  poweredByHeader: false,
};

export default nextConfig;
