// GET|POST /api/auth/* — better-auth: email + password sign-in and sign-out, sessions, OIDC callbacks
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/server/auth/auth";

const handler = (request: Request) => auth().handler(request);

export const { GET, POST } = toNextJsHandler(handler);
