// Text no database column can hold: a NUL character (PostgreSQL refuses it in text and JSON) and an unpaired UTF-16
// surrogate (JSON's \ud800 escape decodes to one; it has no UTF-8 encoding). Refused at the boundary with a 4xx that
// names the field, rather than failing in the database with a 500.
import "server-only";

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored, or null when it can. */
export function unsafeTextReason(text: string): string | null {
  if (text.includes("\u0000")) return "must not contain a NUL character (\\u0000)";
  if (LONE_SURROGATE.test(text)) return "must be valid Unicode: it holds an unpaired UTF-16 surrogate";
  return null;
}

interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let v: Visit | null = visit; v && v.key !== null; v = v.parent) path.unshift(v.key);
  return path;
}

/**
 * The first string (or object key) in a JSON value that cannot be stored, with its path; null when all can.
 * Iterative: a body nested 100,000 levels deep must not overflow the stack.
 */
export function findUnsafeText(root: unknown): { path: (string | number)[]; reason: string } | null {
  const stack: Visit[] = [{ value: root, key: null, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const { value } = visit;
    if (typeof value === "string") {
      const reason = unsafeTextReason(value);
      if (reason) return { path: pathOf(visit), reason };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: visit });
    } else if (typeof value === "object" && value !== null) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        const keyReason = unsafeTextReason(key);
        if (keyReason) return { path: [...pathOf(visit), key], reason: `has a key that ${keyReason}` };
        stack.push({ value: child, key, parent: visit });
      }
    }
  }
  return null;
}
