// One request with its decisions and comments, for anyone who may see its team's requests.
import "server-only";
import type { RequestDetailDto } from "@/lib/schemas";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { findVisibleRequest, toRequestDetail } from "./request-store";

export async function getRequest(opts: { actor: Actor; id: string }): Promise<RequestDetailDto> {
  return toRequestDetail(db(), opts.actor, await findVisibleRequest(db(), opts.actor, opts.id));
}
