// Reading the files `dsp` takes (YAML or JSON — YAML is a superset): a workload, or a datastore file. Bad input is a
// usage error (exit 2) that names every invalid field with its line in the file.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import type { Io } from "./context";
import { CliError, EXIT, usageError } from "./exit-codes";

export interface LoadedFile {
  /** Where it came from, as the person typed it ("-" for stdin). */
  name: string;
  value: unknown;
  /** "line 12" of a field path, when the file says where it is. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

async function readStdin(io: Io): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

export function parseYamlText(name: string, text: string): LoadedFile {
  const counter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw usageError(
      `${name} is not valid YAML or JSON.`,
      doc.errors.map((e) => `${e.linePos?.[0] ? `line ${e.linePos[0].line}: ` : ""}${e.message.split("\n")[0]}`),
    );
  }
  return {
    name,
    value: doc.toJS({ maxAliasCount: 100 }),
    lineOf(path) {
      // The deepest node the path reaches: a missing field is reported at the object that lacks it.
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
        if (n === 0 && doc.contents?.range) return counter.linePos(doc.contents.range[0]).line;
      }
      return undefined;
    },
  };
}

export async function loadFile(io: Io, name: string | undefined): Promise<LoadedFile> {
  if (!name) throw usageError("Name a file with -f FILE (- reads standard input).");
  let text: string;
  try {
    text = name === "-" ? await readStdin(io) : readFileSync(resolve(io.cwd, name), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === "ENOENT" ? EXIT.usage : EXIT.failure, `Cannot read ${name}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  return parseYamlText(name, text);
}

/** Parses the file's value with `schema`; a usage error listing each issue as `path (line N): message`. */
export function parseWith<S extends z.ZodType>(file: LoadedFile, schema: S, what: string, prefix: readonly PropertyKey[] = []): z.output<S> {
  const parsed = schema.safeParse(file.value);
  if (parsed.success) return parsed.data;
  const describe = (at: readonly PropertyKey[], message: string) => {
    const path = [...prefix, ...at];
    const line = file.lineOf(at);
    const field = path.length > 0 ? path.map(String).join(".") : "(the file)";
    return `${field}${line ? ` (line ${line})` : ""}: ${message}`;
  };
  const details = parsed.error.issues.flatMap((issue) =>
    // A strict object names each key it does not know: report each at its own line.
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => describe([...issue.path, key], "is not a known field"))
      : [describe(issue.path, issue.message)],
  );
  throw usageError(`${file.name} is not a valid ${what}: ${details.length} invalid field${details.length === 1 ? "" : "s"}.`, details);
}
