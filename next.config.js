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
};

export default nextConfig;
