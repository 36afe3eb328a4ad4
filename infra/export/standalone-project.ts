// A datastore's stack as a standalone Pulumi project: `npm install && pulumi up` outside the portal runs the same
// program with the same input. The input travels as stack config (`datastore:spec`, `datastore:org`: structured
// values in Pulumi.<stack>.yaml, the organisation's settings limited to the datastore's regions); the program is
// the portal's own source files. No secret is included — the passphrase stays with whoever runs it.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { DatastoreSpec } from "../../lib/schemas/datastore-spec";
import type { OrgSettings } from "../../lib/schemas/org-settings";
import { PULUMI_PROJECT, stackNameOf, type ExportProjectOptions, type ProjectFile } from "../../lib/server/provisioning/engine-contract";
import { toYaml } from "../../lib/yaml";
import { programSources, repoRoot } from "./program-sources";

/** The packages the program imports, pinned to the portal's versions. */
const RUNTIME_PACKAGES = ["@pulumi/pulumi", "@pulumi/aws", "zod"] as const;
const DEV_PACKAGES = ["typescript", "@types/node"] as const;

function versionsOf(root: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const all = { ...pkg.devDependencies, ...pkg.dependencies };
  return Object.fromEntries(
    [...RUNTIME_PACKAGES, ...DEV_PACKAGES].map((name) => {
      const version = all[name];
      if (!version) throw new Error(`the portal's package.json does not list ${name}`);
      return [name, version];
    }),
  );
}

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: "ES2022",
    lib: ["ES2023"],
    module: "commonjs",
    moduleResolution: "node10",
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    forceConsistentCasingInFileNames: true,
    types: ["node"],
  },
  files: ["index.ts"],
};

function indexTs(spec: DatastoreSpec, stack: string): string {
  return `// Datastore ${spec.name} (team ${spec.team.slug}), exported from the datastore portal: the portal's Pulumi program
// (infra/program.ts) with this stack's config as its input — Pulumi.${stack}.yaml holds the datastore
// ("datastore:spec") and the organisation's settings for its regions ("datastore:org").
import * as pulumi from "@pulumi/pulumi";
import { datastoreProgram } from "./infra/program";

const config = new pulumi.Config("datastore");
// Validates both before any resource is declared: a bad value fails naming its field.
const program = datastoreProgram(config.requireObject<unknown>("spec"), config.requireObject<unknown>("org"));
const outputs = pulumi.output(program());

export const datastoreId = outputs.datastoreId;
export const regions = outputs.regions;
`;
}

function readme(spec: DatastoreSpec, stack: string, backendUrl: string | undefined): string {
  return `# Datastore ${spec.name} — standalone Pulumi project

Exported from the datastore portal: the same program the portal runs for datastore \`${spec.name}\`
(id \`${spec.id}\`, team \`${spec.team.slug}\`), as Pulumi project \`${PULUMI_PROJECT}\`, stack \`${stack}\`.

- \`Pulumi.${stack}.yaml\` — the input: \`datastore:spec\` (regions, topology, thresholds, metadata) and
  \`datastore:org\` (the organisation's network, images, instance profile, allowed networks and alarm topic for
  the datastore's regions), plus \`aws:region\`.
- \`index.ts\` — reads that config and runs \`infra/program.ts\`.
- \`infra/\`, \`lib/\` — the portal's program sources, unchanged.

## Run it

Needs Node.js 20 or later, the Pulumi CLI (https://www.pulumi.com/docs/install/) and AWS credentials for the
account the settings describe.

\`\`\`sh
npm install
${backendUrl ? `pulumi login ${backendUrl}   # the backend the portal uses (also set in Pulumi.yaml)` : "pulumi login                # the backend that should hold the stack's state"}
export PULUMI_CONFIG_PASSPHRASE=…   # the secrets passphrase: not included in this export
pulumi stack select --create ${stack} --secrets-provider passphrase
pulumi preview
pulumi up
\`\`\`

If the portal already provisioned this datastore in that backend, the stack exists and \`pulumi preview\` should
show no changes: both run the same program on the same input. Operations started here are not recorded by the
portal, and a portal operation on the same stack waits for (or conflicts with) one running here.
`;
}

/** The files of a standalone Pulumi project for a datastore's stack (lib/server's ExportProject). */
export function standaloneProject(spec: DatastoreSpec, org: OrgSettings, options: ExportProjectOptions = {}): ProjectFile[] {
  const root = repoRoot(options.root);
  const versions = versionsOf(root);
  const stack = stackNameOf(spec);
  const regions = Object.fromEntries(spec.regions.flatMap((r) => (org.regions[r] ? [[r, org.regions[r]]] : [])));

  const project = {
    name: PULUMI_PROJECT,
    description: `Datastore ${spec.name} of team ${spec.team.slug}, exported from the datastore portal`,
    runtime: { name: "nodejs", options: { typescript: true, packagemanager: "npm" } },
    ...(options.backendUrl ? { backend: { url: options.backendUrl } } : {}),
  };
  const stackConfig = { config: { "aws:region": spec.regions[0], "datastore:spec": spec, "datastore:org": { regions } } };
  const packageJson = {
    name: `datastore-${spec.name}`,
    private: true,
    description: `Pulumi program of datastore ${spec.name} (${stack})`,
    main: "index.ts",
    scripts: { preview: "pulumi preview", up: "pulumi up" },
    dependencies: Object.fromEntries(RUNTIME_PACKAGES.map((p) => [p, versions[p]])),
    devDependencies: Object.fromEntries(DEV_PACKAGES.map((p) => [p, versions[p]])),
  };

  const sources = programSources(root, RUNTIME_PACKAGES).map((file) => ({ path: file, content: readFileSync(path.join(root, file), "utf8") }));
  return [
    { path: "Pulumi.yaml", content: toYaml(project) },
    { path: `Pulumi.${stack}.yaml`, content: toYaml(stackConfig) },
    { path: "package.json", content: `${JSON.stringify(packageJson, null, 2)}\n` },
    { path: "tsconfig.json", content: `${JSON.stringify(TSCONFIG, null, 2)}\n` },
    { path: "index.ts", content: indexTs(spec, stack) },
    { path: "README.md", content: readme(spec, stack, options.backendUrl) },
    { path: ".gitignore", content: "node_modules/\n" },
    ...sources,
  ];
}
