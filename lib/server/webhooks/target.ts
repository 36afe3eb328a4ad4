// The SSRF guard around a webhook's URL: at create and update (the URL as resolved now) and on every delivery (the
// name resolved again, and the connection made to the very address that was checked, so a DNS answer that changes
// between the check and the connection — DNS rebinding — cannot slip a private address through).
import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { classifyAddress, RANGE_NAMES } from "./address-policy";

export interface TargetPolicy {
  /** Private, loopback and link-local targets and plain http:// allowed (WEBHOOK_ALLOW_PRIVATE=1). */
  allowPrivate: boolean;
}

export const defaultTargetPolicy = (): TargetPolicy => ({ allowPrivate: env.WEBHOOK_ALLOW_PRIVATE === "1" });

/** A target the guard refuses: why, in words for the person who set the URL. */
export class TargetRefused extends Error {}

const RESOLVE_TIMEOUT_MS = 5000;

/** A URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

function refuseAddress(host: string, address: string): string | null {
  const range = classifyAddress(address);
  if (range === null) return null;
  return host === address ? `${address} is ${RANGE_NAMES[range]}` : `${host} resolves to ${address}, ${RANGE_NAMES[range]}`;
}

/** Every address of a host name, with a deadline (a resolver that never answers must not hold a request). */
export function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new TargetRefused(`${host} did not resolve within ${RESOLVE_TIMEOUT_MS / 1000} s`)), RESOLVE_TIMEOUT_MS);
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => {
      clearTimeout(timer);
      if (error) reject(new TargetRefused(`${host} does not resolve (${error.code ?? error.message})`));
      else resolve(addresses);
    });
  });
}

/** Why the policy refuses a URL's scheme, or null. */
export function schemeRefusal(url: URL, policy: TargetPolicy): string | null {
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && policy.allowPrivate) return null;
  return url.protocol === "http:" ? "must use https:// (plain http:// only where an administrator allows private targets)" : "must be an https:// URL";
}

/** Checks a URL as it resolves now; throws TargetRefused saying why not. */
export async function checkTarget(rawUrl: string, policy: TargetPolicy = defaultTargetPolicy()): Promise<void> {
  const url = new URL(rawUrl);
  const scheme = schemeRefusal(url, policy);
  if (scheme) throw new TargetRefused(scheme);
  if (policy.allowPrivate) return;
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : (await resolveAll(host)).map((a) => a.address);
  for (const address of addresses) {
    const why = refuseAddress(host, address);
    if (why) throw new TargetRefused(why);
  }
}

/** checkTarget as a 422 naming the field `url`, for the create and update use-cases. */
export async function requireAllowedTarget(rawUrl: string, policy: TargetPolicy = defaultTargetPolicy()): Promise<void> {
  try {
    await checkTarget(rawUrl, policy);
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    throw new AppError("invalid_input", `The webhook URL is refused: ${error.message}.`, {
      fieldErrors: [{ field: "url", message: `is refused: ${error.message}` }],
      cause: error,
    });
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that resolves the name, refuses it when any address is in a blocked range, and hands
 * the checked addresses to the connection: what is checked is what is connected to.
 */
export function guardedLookup(policy: TargetPolicy) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolveAll(hostname).then(
      (addresses) => {
        if (!policy.allowPrivate) {
          for (const a of addresses) {
            const why = refuseAddress(hostname, a.address);
            if (why) return callback(Object.assign(new TargetRefused(why), { code: "EWEBHOOKTARGET" }), "");
          }
        }
        const first = addresses[0];
        if (!first) return callback(Object.assign(new TargetRefused(`${hostname} has no address`), { code: "ENOTFOUND" }), "");
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), ""),
    );
  };
}
