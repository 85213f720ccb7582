// The machine API routes server/main.ts answers without Next's router. server/routes.test.ts
// fails when a machine route file exists under app/ without an entry here.
export type RouteModule = Record<string, unknown>;

/**
 * Path pattern → route module, mirroring the app/ directory (`:id` = one `[id]` segment). Loaded
 * after Next.js has prepared, which sets up the environment (AsyncLocalStorage) next/headers needs.
 */
export const FAST_ROUTES: [string, () => Promise<RouteModule>][] = [
  ["/api/trigger/ci", () => import("@/app/api/trigger/ci/route")],
  ["/agent/runs", () => import("@/app/agent/runs/route")],
  ["/agent/runs/:id", () => import("@/app/agent/runs/[id]/route")],
  ["/agent/runs/:id/cancel", () => import("@/app/agent/runs/[id]/cancel/route")],
  ["/agent/scans", () => import("@/app/agent/scans/route")],
  ["/api/oauth/token", () => import("@/app/api/oauth/token/route")],
  ["/.well-known/jwks.json", () => import("@/app/.well-known/jwks.json/route")],
  ["/api/v1/team", () => import("@/app/api/v1/team/route")],
  ["/api/v1/sites", () => import("@/app/api/v1/sites/route")],
  ["/api/v1/sites/:id", () => import("@/app/api/v1/sites/[id]/route")],
  ["/api/v1/runs", () => import("@/app/api/v1/runs/route")],
  ["/api/v1/runs/:id", () => import("@/app/api/v1/runs/[id]/route")],
  ["/api/v1/runs/:id/cancel", () => import("@/app/api/v1/runs/[id]/cancel/route")],
  ["/api/v1/runs/:id/logs", () => import("@/app/api/v1/runs/[id]/logs/route")],
  ["/api/v1/runs/:id/pages", () => import("@/app/api/v1/runs/[id]/pages/route")],
];
