// The security headers every response carries. next.config.ts applies them to what Next.js
// answers; the machine-API fast path (server/main.ts) applies the same list to what it answers.
import { isLocalUrl } from "../env";

export function securityHeaders(isProd: boolean): { key: string; value: string }[] {
  // A local deployment's forms may lead to local programs: without Stripe keys, Checkout and the
  // billing portal are the Stripe test tool's pages on a loopback port (see lib/env.ts).
  const localForms = isLocalUrl(process.env.APP_URL ?? "http://localhost:3000")
    ? " http://127.0.0.1:* http://localhost:*"
    : "";
  // Inline scripts stay allowed because Next.js injects its hydration data inline; eval only in dev.
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${isProd ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https://avatars.githubusercontent.com",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' https://github.com https://checkout.stripe.com https://billing.stripe.com${localForms}`,
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    ...(isProd
      ? [
          {
            key: "Strict-Transport-Security",
            value: "max-age=63072000; includeSubDomains; preload",
          },
        ]
      : []),
  ];
}
