// Local (email + password) accounts as better-auth reads them: a user row and a "credential" account row holding
// the password hash. Open sign-up is off, so admins and the first-start seed create accounts through here.
import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Tx } from "../db/client";

/** A password for a person to type once and then change: 18 random bytes, URL-safe (24 characters). */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

export async function createLocalAccount(tx: Tx, opts: { name: string; email: string; password: string; isAdmin: boolean; platformReviewer?: boolean }) {
  const id = randomUUID();
  // better-auth's own hash (scrypt, salted): sign-in verifies it with the same function.
  const hash = await hashPassword(opts.password);
  const user = await tx.user.create({
    data: {
      id,
      name: opts.name,
      email: opts.email.toLowerCase(),
      emailVerified: true,
      isAdmin: opts.isAdmin,
      platformReviewer: opts.platformReviewer ?? false,
    },
  });
  await tx.account.create({ data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash } });
  return user;
}
