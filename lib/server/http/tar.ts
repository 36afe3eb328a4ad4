// A minimal POSIX ustar writer with gzip (node:zlib): enough for downloads of generated text files, without a
// dependency. Regular files only; paths up to 255 bytes (split into ustar's prefix and name fields).
import "server-only";
import { gzipSync } from "node:zlib";

export interface TarEntry {
  /** Relative path with "/" separators, e.g. "viewing-history-pulumi/infra/program.ts". */
  path: string;
  content: string | Uint8Array;
  /** Unix permission bits; 0o644 by default. */
  mode?: number;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  // width - 1 digits and a NUL terminator, as ustar's numeric fields are written.
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function splitPath(path: string): { name: string; prefix: string } {
  if (path === "" || path.startsWith("/") || path.split("/").some((part) => part === ".." || part === "")) throw new Error(`tar: not a relative file path: ${JSON.stringify(path)}`);
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: "" };
  // Split at a "/" so that the prefix fits in 155 bytes and the rest in 100.
  for (let i = path.lastIndexOf("/"); i > 0; i = path.lastIndexOf("/", i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new Error(`tar: path too long for ustar: ${path.slice(0, 80)}…`);
}

function header(entry: TarEntry, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  const { name, prefix } = splitPath(entry.path);
  const put = (text: string, offset: number, length: number) => h.write(text, offset, length, "utf8");
  put(name, 0, 100);
  put(octal(entry.mode ?? 0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12);
  put("        ", 148, 8); // the checksum counts its own field as spaces
  put("0", 156, 1);
  put("ustar\0", 257, 6);
  put("00", 263, 2);
  put("root", 265, 32);
  put("root", 297, 32);
  put(prefix, 345, 155);
  let sum = 0;
  for (const byte of h) sum += byte;
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return h;
}

/** The uncompressed tar archive of the entries, in order. */
export function tarArchive(entries: readonly TarEntry[], mtime = new Date()): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = typeof entry.content === "string" ? Buffer.from(entry.content, "utf8") : Buffer.from(entry.content);
    parts.push(header(entry, data.length, mtime), data);
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad, 0));
  }
  // Two zero blocks end the archive.
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return Buffer.concat(parts);
}

/** A .tar.gz of the entries. */
export function tarGz(entries: readonly TarEntry[], mtime?: Date): Buffer {
  return gzipSync(tarArchive(entries, mtime));
}
