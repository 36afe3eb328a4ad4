// Downloads of generated files as .tar.gz: tar-stream writes the archive (ustar, with a PAX header where a path does
// not fit ustar's fields), node:zlib compresses it.
import "server-only";
import { buffer } from "node:stream/consumers";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { pack } from "tar-stream";

export interface TarEntry {
  /** Relative path with "/" separators, e.g. "viewing-history-pulumi/infra/program.ts". */
  path: string;
  content: string | Uint8Array;
  /** Unix permission bits; 0o644 by default. */
  mode?: number;
}

/** Entries are the portal's own files: a path that could land outside the directory it is extracted in is a bug. */
function checkedPath(path: string): string {
  if (path === "" || path.startsWith("/") || path.split("/").some((part) => part === ".." || part === ""))
    throw new Error(`tar: not a relative file path: ${JSON.stringify(path)}`);
  return path;
}

/** A .tar.gz of the entries, in order: regular files owned by root, all with the same modification time. */
export async function tarGz(entries: readonly TarEntry[], mtime = new Date()): Promise<Buffer> {
  const files = entries.map((entry) => ({ ...entry, path: checkedPath(entry.path) }));
  const archive = pack();
  const gzip = createGzip();
  const compressed = buffer(gzip);
  const written = pipeline(archive, gzip);
  for (const file of files) {
    archive.entry({ name: file.path, type: "file", mode: file.mode ?? 0o644, mtime, uid: 0, gid: 0, uname: "root", gname: "root" }, Buffer.from(file.content));
  }
  archive.finalize();
  await written;
  return compressed;
}
