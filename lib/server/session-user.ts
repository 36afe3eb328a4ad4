// The signed-in person for server components (pages and layouts): the same lookup the API handlers use, so a
// page and the API always agree on who is asking. null when nobody is signed in.
import "server-only";
import { headers } from "next/headers";
import type { Actor } from "./auth/actor";
import { authenticate } from "./auth/authenticate";
// Installs the browser-session resolver into authenticate().
import "./auth/session";

export async function sessionActor(): Promise<Actor | null> {
  const h = new Headers(await headers());
  // Pages authenticate people by their session cookie only; a bearer header is for the API.
  h.delete("authorization");
  try {
    return await authenticate(new Request("http://portal.local/", { headers: h }));
  } catch {
    return null;
  }
}
