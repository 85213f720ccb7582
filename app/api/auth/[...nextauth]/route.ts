// GET/POST /api/auth/* — next-auth: GitHub OAuth and the development sign-in.
import { authRouteHandler } from "@/lib/auth/route-handler";

export { authRouteHandler as GET, authRouteHandler as POST };
