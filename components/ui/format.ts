// Number (and actor) formatting shared by the portal's pages. Intl formatters are built once: they are costly to create
// and the planner view re-renders on every keystroke.
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export const formatUsd = (n: number): string => usd.format(n);
/**
 * "$1.5M", "$40K", "$900". Written by hand: Intl's compact notation differs between Node's and Chromium's ICU
 * ("$2.0K" vs "$2K"), which breaks hydration of server-rendered charts.
 */
export function formatUsdCompact(n: number): string {
  const sign = n < 0 ? "-" : "";
  const abs = Math.abs(n);
  const short = (v: number) => (Math.round(v * 10) / 10).toString();
  if (abs >= 1e9) return `${sign}$${short(abs / 1e9)}B`;
  if (abs >= 1e6) return `${sign}$${short(abs / 1e6)}M`;
  if (abs >= 1e3) return `${sign}$${short(abs / 1e3)}K`;
  return `${sign}$${Math.round(abs)}`;
}
/** "$489k", "$1.2M", "$900": a cost mentioned in passing ("was $489k"), rounded to what a reader keeps in mind. */
export function formatUsdShort(n: number): string {
  const abs = Math.abs(n);
  const sign = n < 0 ? "-" : "";
  if (abs >= 1e6) return `${sign}$${(Math.round(abs / 1e5) / 10).toString()}M`;
  if (abs >= 1e3) return `${sign}$${Math.round(abs / 1e3)}k`;
  return `${sign}$${Math.round(abs)}`;
}
export const formatInteger = (n: number): string => integer.format(n);
export const formatPercent = (share: number): string => `${Math.round(share * 100)}%`;

export function formatGib(gib: number): string {
  return gib >= 1024 ? `${decimal.format(gib / 1024)} TiB` : `${decimal.format(gib)} GiB`;
}

/** Who did something, as the audit trail names them: "user:mo@portal.local" → "mo@portal.local". */
export const actorLabel = (who: string) => who.replace(/^user:/, "");
