// What every machine route file under app/ exports: Next's route handlers, all delegating to the
// one machine app, so `next dev`/`next start` answer exactly as the production server does.
import { handle } from "hono/vercel";
import { machineApp } from "@/lib/machine-api/app";

const handler = handle(machineApp);

export {
  handler as GET,
  handler as HEAD,
  handler as POST,
  handler as PUT,
  handler as PATCH,
  handler as DELETE,
  handler as OPTIONS,
};
