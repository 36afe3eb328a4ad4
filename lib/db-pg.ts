// The pg driver adapter, with a fix for prisma/orm#27403: adapter-pg cannot read PostgreSQL's `name` type, which
// the schema engine's catalogue queries return, so `prisma migrate deploy` fails through the adapter. `name` is a
// 63-byte text type: the client below reports such columns as `text` before the adapter sees them.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const NAME_OID = 19;
const NAME_ARRAY_OID = 1003;
const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;

interface FieldLike {
  dataTypeID: number;
}
function asText(result: unknown): unknown {
  const fields = (result as { fields?: FieldLike[] } | undefined)?.fields;
  if (fields) {
    for (const f of fields) {
      if (f.dataTypeID === NAME_OID) f.dataTypeID = TEXT_OID;
      else if (f.dataTypeID === NAME_ARRAY_OID) f.dataTypeID = TEXT_ARRAY_OID;
    }
  }
  return result;
}

class NameAsTextClient extends pg.Client {
  // pg's query() is heavily overloaded: Pool.query passes a callback, a pooled client returns a promise.
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    const cb = args[last];
    if (typeof cb === "function") args[last] = (err: unknown, res: unknown) => (cb as (e: unknown, r: unknown) => void)(err, asText(res));
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out && typeof (out as Promise<unknown>).then === "function") return (out as Promise<unknown>).then(asText) as never;
    return out as never;
  }
}

/** How long a query waits for a pooled connection before it fails, instead of waiting forever when the pool is dry. */
const CONNECTION_TIMEOUT_MS = 10_000;

export function pgAdapter(connectionString: string): PrismaPg {
  return new PrismaPg(
    new pg.Pool({ connectionString, Client: NameAsTextClient as unknown as typeof pg.Client, max: 10, connectionTimeoutMillis: CONNECTION_TIMEOUT_MS }),
  );
}
