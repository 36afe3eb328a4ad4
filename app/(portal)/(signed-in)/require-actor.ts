// Pages behind sign-in call this first: it returns who is asking, or sends them to /sign-in and back here after.
import "server-only";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/server/auth/actor";
import { sessionActor } from "@/lib/server/session-user";

export async function requireActor(here: string): Promise<Actor> {
  const actor = await sessionActor();
  if (!actor) redirect(`/sign-in?next=${encodeURIComponent(here)}`);
  return actor;
}
