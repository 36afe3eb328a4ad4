// Numbers as people type them: "2,000", "2 000", "2k", "1.5M", "1e5" — and sizes with a unit, "500 GiB", "2 TiB",
// "1.5T". One parser for every number box (the workload form, the thresholds editor), with a message that says what is
// wrong and how to write it instead of "Invalid input".

export type NumberKind = "count" | "size";

export type ParsedNumber = { ok: true; value: number | undefined } | { ok: false; message: string };

/** k, M, B: thousands, millions, billions (counts and rates). */
const SCALES: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };
/** Sizes in GiB: a TiB is 1024 GiB. */
const SIZE_UNITS: Record<string, number> = { g: 1, gib: 1, t: 1024, tib: 1024 };

const EXAMPLES: Record<NumberKind, string> = { count: "2,000, 2k or 1.5M", size: "500, 500 GiB or 2 TiB" };

/** Digits with optional grouping (commas, spaces, underscores between digit groups) and decimals, or an exponent. */
const NUMBER = /^[+-]?(?:\d{1,3}(?:[ ,_]\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?$|^[+-]?\.\d+$/i;

/** Parses `text`; "" is `undefined` (the field was left out). */
export function parseNumberText(text: string | undefined, kind: NumberKind = "count"): ParsedNumber {
  const t = (text ?? "").trim();
  if (t === "") return { ok: true, value: undefined };
  const m = /^(.*?)\s*([a-z]+)?$/i.exec(t);
  const digits = (m?.[1] ?? t).trim();
  const suffix = (m?.[2] ?? "").toLowerCase();
  const factor = suffix === "" ? 1 : kind === "size" ? SIZE_UNITS[suffix] : SCALES[suffix];
  // "1e5" ends in digits; an "e" alone is not a suffix.
  if (factor === undefined || !NUMBER.test(digits)) {
    return { ok: false, message: `“${t.length > 24 ? `${t.slice(0, 23)}…` : t}” is not a number: write it like ${EXAMPLES[kind]}` };
  }
  const value = Number(digits.replace(/[ ,_]/g, "")) * factor;
  if (!Number.isFinite(value)) return { ok: false, message: `“${t}” is too large a number` };
  // Scaling can leave binary noise (1.1k = 1100.0000000000002): keep 10 significant digits.
  return { ok: true, value: Number(value.toPrecision(10)) };
}
