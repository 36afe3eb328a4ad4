// The program's sources as they are in the portal's checkout: infra/program.ts and every file it imports, followed
// transitively through relative imports (infra/**, lib/schemas/**, and whatever those import), paths preserved —
// so the exported project runs the very code the portal runs, never a copy that drifts. The imports are read by
// TypeScript's own scanner (preProcessFile), which knows comments, strings and template literals from code.
import { existsSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const PROGRAM_ENTRY = "infra/program.ts";

/** The checkout: the caller's, else the working directory (the portal runs from it), else this module's. */
export function repoRoot(explicit?: string): string {
  const candidates = [explicit, process.cwd()];
  try {
    candidates.push(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", ".."));
  } catch {
    // Bundled without a file URL: the working directory must do.
  }
  for (const c of candidates) {
    if (c && existsSync(/* turbopackIgnore: true */ path.join(c, PROGRAM_ENTRY)) && existsSync(/* turbopackIgnore: true */ path.join(c, "package.json")))
      return path.resolve(/* turbopackIgnore: true */ c);
  }
  throw new Error(`cannot find the portal's sources (${PROGRAM_ENTRY}) in ${candidates.filter(Boolean).join(" or ")}`);
}

/**
 * Every module specifier a TypeScript file imports or re-exports — type-only ones included (the compiler needs
 * them), `import()` and `require()` too — in order of appearance.
 */
function specifiersOf(source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, /* readImportFiles */ true, /* detectJavaScriptImports */ true);
  return [...new Set(importedFiles.map((f) => f.fileName))];
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

function resolveRelative(root: string, fromFile: string, specifier: string): string {
  const base = path.resolve(root, path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(/* turbopackIgnore: true */ candidate) && statSync(/* turbopackIgnore: true */ candidate).isFile())
      return path.relative(root, candidate).split(path.sep).join("/");
  }
  throw new Error(`${fromFile} imports ${specifier}, which does not exist`);
}

/**
 * The repo-relative paths of the entry and everything it imports, sorted. A bare import must be one of `packages`
 * (or a Node built-in): anything else — an `@/` alias, a package the project does not install — is an error, so an
 * export never ships a program that cannot load.
 */
export function programSources(root: string, packages: readonly string[], entry = PROGRAM_ENTRY): string[] {
  const builtins = new Set(builtinModules);
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith(".json")) continue;
    for (const specifier of specifiersOf(readFileSync(path.join(root, file), "utf8"))) {
      if (specifier.startsWith("./") || specifier.startsWith("../")) {
        pending.push(resolveRelative(root, file, specifier));
      } else if (!packages.includes(packageName(specifier)) && !specifier.startsWith("node:") && !builtins.has(specifier)) {
        throw new Error(`${file} imports ${specifier}, which a standalone Pulumi project cannot load (only relative imports and ${packages.join(", ")})`);
      }
    }
  }
  return [...seen].sort();
}
