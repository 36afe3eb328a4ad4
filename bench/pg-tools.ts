// PostgreSQL's client tools (pg_dump, pg_restore) from Debian's postgresql package, found as scripts/pg-local.sh
// finds the server: the growth benchmark snapshots its PostgreSQL database with them.
import { readdirSync } from "node:fs";
import { join } from "node:path";

export function pgTool(name: "pg_dump" | "pg_restore"): string {
  const root = "/usr/lib/postgresql";
  const version = readdirSync(root)
    .sort((a, b) => Number(a) - Number(b))
    .at(-1);
  if (!version) throw new Error("PostgreSQL's client tools are not installed (apt-get install -y postgresql)");
  return join(root, version, "bin", name);
}
