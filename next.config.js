/**
 * Security headers for every answer (issue 9, item 5). These do not vary by request, so they are set here,
 * where they reach every route — pages, route handlers, the enrolment API (which skips proxy.ts), static
 * files, 404s and errors. The page Content-Security-Policy carries a per-request nonce and comes from
 * proxy.ts; the routes proxy.ts skips get the fixed policy below, which lets nothing run.
 */
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-get=()",
  "serial=()",
  "usb=()",
].join(", ");

const COMMON_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const NO_SCRIPT_CSP = "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// Keep in step with proxy.ts's matcher: exactly the paths it skips.
const PROXY_SKIPS = ["/_next/static/:path*", "/_next/image", "/favicon.ico", "/robots.txt", "/api/v1/:path*"];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files relative to its own module URL; bundling breaks that.
  // The membership card: resvg is a native addon, and harfbuzzjs finds its WebAssembly next to its own module.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "bcryptjs", "@resvg/resvg-js", "harfbuzzjs"],
  poweredByHeader: false,
  // Parallel builds (e.g. several e2e runs on one machine) each use their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  // `npm run typecheck` checks the whole project (tests included) as its own step of `npm test`;
  // checking again inside every build only doubles the build time on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  // The app has no next/image; the optimizer route would only be something to probe (it answered a 500).
  images: { unoptimized: true },
  async headers() {
    return [
      { source: "/:path*", headers: COMMON_HEADERS },
      ...PROXY_SKIPS.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: NO_SCRIPT_CSP }] })),
      // HTTPS is terminated by the reverse proxy in front of `next start`, which says so in X-Forwarded-Proto.
      // A client that forges the header over plain http gains nothing: browsers ignore HSTS sent over http.
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
    ];
  },
};

export default nextConfig;
