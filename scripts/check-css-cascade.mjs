// Proves that reorganising the style sheets kept the cascade: for each style sheet the app imports (app/globals.css,
// app/(portal)/portal.css), it follows the @imports in order — at a git revision and in the working tree — and
// compares the resulting lists of rules (at-rule context, selector, declarations in order). Comments and whitespace
// do not count; a moved, added, dropped or edited rule does. Exits 1 on the first difference.
//   node scripts/check-css-cascade.mjs <git revision>      e.g. the commit before the split
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
// postcss comes with Next.js (its CSS pipeline); only its parser is used here.
import postcss from "postcss";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ENTRIES = ["app/globals.css", "app/(portal)/portal.css"];

/** Reads `path` (relative to the repository) at `rev`, or from the working tree when `rev` is undefined. */
function read(path, rev) {
  if (rev === undefined) return existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path), "utf8") : undefined;
  try {
    return execFileSync("git", ["show", `${rev}:${path}`], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
}

const squash = (text) =>
  text
    .replace(/\s+/g, " ")
    .replace(/\s*([(),>+~])\s*/g, "$1")
    .trim();

/** The style sheet at `path` with its @imports resolved in place, as a list of normalised rules. */
function rules(path, rev, seen = []) {
  if (seen.includes(path)) throw new Error(`@import cycle: ${[...seen, path].join(" → ")}`);
  const text = read(path, rev);
  if (text === undefined) throw new Error(`${path} does not exist${rev ? ` at ${rev}` : ""}`);
  const out = [];
  const walk = (container, context) => {
    container.each((node) => {
      if (node.type === "comment") return;
      if (node.type === "atrule" && node.name === "import") {
        const target = /^(?:url\()?\s*["']?([^"')]+)["']?\s*\)?$/.exec(node.params.trim())?.[1];
        if (!target || !target.startsWith(".")) throw new Error(`${path}: unsupported @import ${node.params}`);
        out.push(...rules(normalize(join(dirname(path), target)), rev, [...seen, path]));
      } else if (node.type === "atrule") {
        const at = `@${node.name} ${squash(node.params)}`;
        if (node.nodes) walk(node, [...context, at]);
        else out.push([...context, at].join(" "));
      } else if (node.type === "rule") {
        const declarations = [];
        node.each((child) => {
          if (child.type === "decl") declarations.push(`${child.prop.toLowerCase()}:${squash(child.value)}${child.important ? "!important" : ""}`);
          else if (child.type !== "comment") throw new Error(`${path}: nested ${child.type} in ${node.selector} is not compared`);
        });
        const selector = node.selectors.map(squash).join(",");
        out.push(`${[...context, selector].join(" ")} {${declarations.join(";")}}`);
      } else {
        throw new Error(`${path}: unexpected ${node.type} at the top level`);
      }
    });
  };
  walk(postcss.parse(text, { from: path }), []);
  return out;
}

const rev = process.argv[2];
if (!rev) {
  console.error("usage: node scripts/check-css-cascade.mjs <git revision to compare the working tree with>");
  process.exit(2);
}
let failed = false;
for (const entry of ENTRIES) {
  const before = rules(entry, rev);
  const after = rules(entry, undefined);
  const at = before.findIndex((rule, i) => rule !== after[i]);
  if (at === -1 && before.length === after.length) {
    console.log(`${entry}: ${after.length} rules, the same and in the same order as at ${rev}`);
    continue;
  }
  failed = true;
  const i = at === -1 ? before.length : at;
  console.error(`${entry}: rule ${i + 1} differs (${before.length} rules at ${rev}, ${after.length} now)`);
  console.error(`  at ${rev}: ${before[i] ?? "(none)"}`);
  console.error(`  now:  ${after[i] ?? "(none)"}`);
}
process.exit(failed ? 1 : 0);
