import type { OpenAPIHono } from "@hono/zod-openapi";
import type { MachineEnv } from "@/lib/http/machine-env";

export type MachineApp = OpenAPIHono<MachineEnv>;
