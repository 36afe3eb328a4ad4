// The exported project is the portal's program with the datastore as stack config: written to disk with the
// portal's node_modules, its index.ts registers exactly the resources the portal's program does, and it compiles
// with its own tsconfig.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type * as ProgramModule from "../../../infra/program";
import { programSources } from "../../../infra/export/program-sources";
import { standaloneProject } from "../../../infra/export/standalone-project";
import { PULUMI_PROJECT, stackNameOf, type ProjectFile } from "../../../lib/server/provisioning/engine-contract";
import { CASSANDRA_WITH_COMPANIONS, ORG, specForWorkload } from "../fixtures";
import { installMocks, runPrograms, type RecordedResource } from "../pulumi-mocks";

// A real YAML parser reads the project files back (js-yaml: a pinned dev dependency, untyped).
const { load } = createRequire(import.meta.url)("js-yaml") as { load: (text: string) => unknown };
const ROOT = path.resolve(__dirname, "..", "..", "..");
const spec = specForWorkload(CASSANDRA_WITH_COMPANIONS, { name: "titles", id: "ds_titles" });
const STACK = stackNameOf(spec);

let datastoreProgram: typeof ProgramModule.datastoreProgram;

beforeAll(async () => {
  await installMocks();
  ({ datastoreProgram } = await import("../../../infra/program"));
});

function fileOf(files: readonly ProjectFile[], name: string): string {
  const file = files.find((f) => f.path === name);
  if (!file) throw new Error(`no ${name} in the export`);
  return file.content;
}

/** Writes the project next to the portal's node_modules, as `npm install` would have it. */
function writeProject(files: readonly ProjectFile[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "standalone-"));
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    writeFileSync(path.join(dir, f.path), f.content);
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

const byKey = (resources: readonly RecordedResource[]) => resources.map((r) => `${r.type}::${r.name}`).sort();

describe("standalone Pulumi project", () => {
  it("holds the project, the stack config, pinned packages and every source the program imports", () => {
    const files = standaloneProject(spec, ORG, { backendUrl: "s3://state-bucket/datastores" });
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "Pulumi.yaml",
        `Pulumi.${STACK}.yaml`,
        "package.json",
        "tsconfig.json",
        "index.ts",
        "README.md",
        "infra/program.ts",
        "infra/tags.ts",
        "infra/alarms.ts",
        "lib/schemas/datastore-spec.ts",
        "infra/components/node-group.ts",
        "lib/schemas/datastore.ts",
        "lib/schemas/org-settings.ts",
      ]),
    );
    expect(paths).not.toContain("infra/engine/pulumi-engine.ts");
    expect(paths.filter((p) => p.startsWith("lib/server"))).toEqual([]);

    const project = load(fileOf(files, "Pulumi.yaml")) as Record<string, unknown>;
    expect(project).toMatchObject({
      name: PULUMI_PROJECT,
      runtime: { name: "nodejs", options: { typescript: true } },
      backend: { url: "s3://state-bucket/datastores" },
    });
    expect(load(fileOf(standaloneProject(spec, ORG), "Pulumi.yaml"))).not.toHaveProperty("backend");

    const stackConfig = load(fileOf(files, `Pulumi.${STACK}.yaml`)) as { config: Record<string, unknown> };
    expect(stackConfig.config["aws:region"]).toBe(spec.regions[0]);
    expect(stackConfig.config["datastore:spec"]).toEqual(JSON.parse(JSON.stringify(spec)));
    // Only the datastore's regions' settings travel with it.
    expect(stackConfig.config["datastore:org"]).toEqual({ regions: { "us-east-1": ORG.regions["us-east-1"], "eu-west-1": ORG.regions["eu-west-1"] } });
    expect(fileOf(files, `Pulumi.${STACK}.yaml`)).not.toMatch(/passphrase|secure:/i);

    const pkg = JSON.parse(fileOf(files, "package.json")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const portal = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.dependencies).toEqual({
      "@pulumi/pulumi": portal.dependencies["@pulumi/pulumi"],
      "@pulumi/aws": portal.dependencies["@pulumi/aws"],
      zod: portal.dependencies.zod,
    });
    expect(pkg.devDependencies.typescript).toBe(portal.dependencies.typescript);
    expect(fileOf(files, "README.md")).toContain("npm install");
  });

  it("registers the same resources as the portal's program when run with its stack config", async () => {
    const files = standaloneProject(spec, ORG);
    const dir = writeProject(files);

    const portal = await runPrograms([datastoreProgram(spec, ORG)]);

    // What the Pulumi CLI hands the program: every config value as a string, structured values as JSON.
    const { config } = load(fileOf(files, `Pulumi.${STACK}.yaml`)) as { config: Record<string, unknown> };
    pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])));
    const exported = await runPrograms([
      async () => {
        const index = (await import(path.join(dir, "index.ts"))) as { datastoreId: pulumi.Output<string>; regions: pulumi.Output<unknown> };
        return { datastoreId: index.datastoreId, regions: index.regions };
      },
    ]);

    expect(exported.resources.length).toBeGreaterThan(0);
    expect(byKey(exported.resources)).toEqual(byKey(portal.resources));
    for (const type of [
      "aws:autoscaling/group:Group",
      "aws:ec2/launchTemplate:LaunchTemplate",
      "aws:ec2/securityGroup:SecurityGroup",
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "pulumi:providers:aws",
    ]) {
      expect(exported.resources.filter((r) => r.type === type).length, type).toBe(portal.resources.filter((r) => r.type === type).length);
    }
    type Outputs = { datastoreId: string; regions: Record<string, { endpoints: unknown; groupNames: string[] }> };
    const [out] = exported.outputs as Outputs[];
    const [expected] = portal.outputs as Outputs[];
    expect(out?.datastoreId).toBe(spec.id);
    expect(Object.keys(out?.regions ?? {}).sort()).toEqual(Object.keys(expected?.regions ?? {}).sort());
    for (const region of spec.regions) {
      expect(out?.regions[region]?.endpoints).toEqual(expected?.regions[region]?.endpoints);
      expect(out?.regions[region]?.groupNames).toHaveLength(expected?.regions[region]?.groupNames.length ?? -1);
    }
  });

  it("type-checks with its own tsconfig, as Pulumi's TypeScript runtime will", () => {
    const dir = writeProject(standaloneProject(spec, ORG));
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    expect(() => execFileSync(process.execPath, [tsc, "--noEmit", "-p", dir], { encoding: "utf8", stdio: "pipe" })).not.toThrow();
  }, 180_000);

  it("refuses sources that import what a standalone project cannot load", () => {
    const root = mkdtempSync(path.join(tmpdir(), "fake-root-"));
    mkdirSync(path.join(root, "infra"));
    writeFileSync(path.join(root, "infra", "program.ts"), 'import { helper } from "./helper";\nexport const x = helper;\n');
    writeFileSync(
      path.join(root, "infra", "helper.ts"),
      'import { db } from "@/lib/server/db/client";\n// import { ignored } from "left-pad";\nexport const helper = db;\n',
    );
    expect(() => programSources(root, ["zod"])).toThrow("infra/helper.ts imports @/lib/server/db/client");
    writeFileSync(
      path.join(root, "infra", "helper.ts"),
      'import type { ZodType } from "zod";\nimport { readFileSync } from "node:fs";\nexport const helper: ZodType | typeof readFileSync | null = null;\n',
    );
    expect(programSources(root, ["zod"])).toEqual(["infra/helper.ts", "infra/program.ts"]);
  });

  // The regex scanner it replaces took the template literal's line for an import (and refused the export), and lost
  // the import between the two strings, taking "x/*" … "*/" for a comment (and shipped a program without ./between).
  it("reads imports as the compiler does: every form of import, and none that only stands in a string or a comment", () => {
    const root = mkdtempSync(path.join(tmpdir(), "fake-root-"));
    mkdirSync(path.join(root, "infra"));
    const program = [
      'import type { A } from "./types";',
      "import {",
      "  B,",
      '} from "./multi-line";',
      'export { C } from "./re-export";',
      'export * from "./star";',
      'import "./side-effect";',
      'const lazy = () => import("./lazy");',
      "const template = `",
      'import { bogus } from "left-pad";',
      "`;",
      'const glob = "x/*";',
      'import { between } from "./between";',
      'const end = "*/";',
      '// import { commented } from "left-pad";',
      '/* import { block } from "left-pad"; */',
      'export const all = [lazy, template, glob, between, end, { from: "./not-an-import" }];',
    ].join("\n");
    writeFileSync(path.join(root, "infra", "program.ts"), program);
    for (const name of ["types", "multi-line", "re-export", "star", "side-effect", "lazy", "between"])
      writeFileSync(path.join(root, "infra", `${name}.ts`), "export {};\n");
    expect(programSources(root, ["zod"])).toEqual([
      "infra/between.ts",
      "infra/lazy.ts",
      "infra/multi-line.ts",
      "infra/program.ts",
      "infra/re-export.ts",
      "infra/side-effect.ts",
      "infra/star.ts",
      "infra/types.ts",
    ]);
  });
});
