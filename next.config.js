/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native / WASM packages must not be bundled: PGlite would ship 15 MB of WASM as static files.
  // The rest are loaded once from node_modules instead of copied into each of the ~80 route bundles
  // that Next preloads at start (issue 15: with them bundled, boot took 1.45× and idle RSS 1.29×).
  serverExternalPackages: [
    "@electric-sql/pglite",
    "postgres",
    "@node-rs/argon2",
    "oidc-provider",
    "undici",
    "ajv",
    "ajv-formats",
    "minisearch",
    "zod",
  ],
  poweredByHeader: false,
  // Lets several servers (tests, helpers) build side by side in one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // Without this, every `next dev`/`next build` adds `<distDir>/types/**/*.ts` to the tracked
  // tsconfig.json's `include` (a personal build folder in a shared file). tsc excludes `.next*`
  // anyway and builds skip type checks, so those entries would check nothing.
  experimental: { strictRouteTypes: true },
  // Types are checked by `npm run check` (tsc), once, not again inside every build.
  typescript: { ignoreBuildErrors: true },
  // Connect pages and the callback: no referrer, no caching, no framing (SECURITY.md 6).
  async headers() {
    const flow = [
      { key: "Referrer-Policy", value: "no-referrer" },
      { key: "Cache-Control", value: "no-store" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
    ];
    return [
      { source: "/link/:path*", headers: flow },
      { source: "/api/oauth/:path*", headers: flow },
      // App logos: file names carry a content hash (scripts/generate-catalog.ts), so they never change.
      {
        source: "/logos/:file",
        headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
      },
      { source: "/:path*", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
    ];
  },
};
export default nextConfig;
