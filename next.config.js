// @ts-check
/**
 * Headers for every response. The CSP (it needs a per-request nonce) and HSTS (it depends
 * on the running environment, not the build's) are set in proxy.ts.
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

// Hosts besides the app's own that may call server actions (behind a proxy that rewrites
// the host). proxy.ts also refuses any server action without a matching Origin header.
const allowedOrigins = (process.env.PREFLIGHT_ALLOWED_ORIGINS ?? "")
  .split(",")
  .map((host) => host.trim())
  .filter(Boolean);

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  experimental: { serverActions: { allowedOrigins, bodySizeLimit: "2mb" } },
  reactStrictMode: true,
  // The build `npm start` runs on a first start skips type-checking (scripts/lib/ensure-build.ts);
  // `npm run build` and `npm run typecheck` check the types.
  typescript: { ignoreBuildErrors: process.env.PREFLIGHT_BUILD_SKIP_TYPECHECK === "1" },
  serverExternalPackages: ["pino", "@electric-sql/pglite", "@electric-sql/pglite-socket", "node-pg-migrate", "graphile-worker", "prom-client", "pg", "@prisma/adapter-pg"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
