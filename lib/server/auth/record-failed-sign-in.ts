// Writes a failed sign-in to the audit log: who was tried and from where — never the password.
import "server-only";
import { audit } from "../audit";
import { db } from "../db/client";
import type { FailedSignIn } from "./auth-config";
import { pruneFailedAuthAuditNow } from "./failure-retention";

export async function recordFailedSignIn(attempt: FailedSignIn): Promise<void> {
  await pruneFailedAuthAuditNow();
  const user = attempt.email ? await db().user.findUnique({ where: { email: attempt.email }, select: { id: true } }) : null;
  await audit(db(), null, {
    action: "auth.sign-in.failed",
    subjectType: "user",
    subjectId: user?.id ?? (attempt.email || "unknown"),
    detail: { email: attempt.email, ip: attempt.ip, reason: attempt.reason },
  });
}
