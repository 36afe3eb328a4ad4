import next from "eslint-config-next";
import tseslint from "typescript-eslint";

// Who may import whom (STYLE.md): the pure core runs in the browser and in Pulumi's runtime.
const pureCore = {
  patterns: [
    { group: ["next", "next/*", "react", "react-dom", "@tanstack/*", "react-hook-form", "@hookform/*"], message: "lib/schemas, lib/catalog and lib/planner are pure TypeScript: no UI frameworks." },
    { group: ["@prisma/*", "**/server/**", "@/lib/server/*"], message: "The pure core never imports server code or Prisma." },
    { group: ["@pulumi/*"], message: "Only infra/ imports Pulumi." },
    { group: ["@/*"], message: "Use relative imports in the pure core (it runs outside Next's resolver)." },
  ],
};

// The benchmark harness runs in the worker, scripts and benches: no UI, no Prisma, no Pulumi, relative imports.
const benchCore = {
  patterns: [
    { group: ["next", "next/*", "react", "react-dom", "@tanstack/*", "react-hook-form", "@hookform/*"], message: "lib/bench is a library for the worker and scripts: no UI frameworks." },
    { group: ["@prisma/*", "**/server/**", "@/lib/server/*"], message: "lib/bench never imports server code or Prisma: runs are stored by lib/server, which calls it." },
    { group: ["@pulumi/*"], message: "Only infra/ imports Pulumi." },
    { group: ["@/*"], message: "Use relative imports in lib/bench (it runs outside Next's resolver)." },
  ],
};

const config = [
  { ignores: [".next/**", "node_modules/**", ".data/**", "next-env.d.ts", "lib/server/db/generated/**"] },
  ...next,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/ban-ts-comment": ["error", { "ts-expect-error": "allow-with-description", "ts-ignore": true, "ts-nocheck": true }],
    },
  },
  { files: ["lib/schemas/**", "lib/catalog/**", "lib/planner/**", "lib/openapi/**", "lib/errors.ts"], rules: { "no-restricted-imports": ["error", pureCore] } },
  { files: ["lib/bench/**"], rules: { "no-restricted-imports": ["error", benchCore] } },
  {
    files: ["components/**", "app/**/*.tsx"],
    ignores: ["app/api/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/server/*", "**/lib/server/**"], message: "components/ never import lib/server." }, { group: ["@prisma/*"], message: "Only lib/server imports Prisma." }, { group: ["@pulumi/*"], message: "Only infra/ imports Pulumi." }] }] },
  },
  {
    files: ["lib/server/**", "lib/db-*.ts", "scripts/**", "bench/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@pulumi/*"], message: "Only infra/ imports Pulumi." }] }] },
  },
  {
    files: ["app/**", "lib/query/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@pulumi/*"], message: "Only infra/ imports Pulumi." }, { group: ["@prisma/*"], message: "Only lib/server imports Prisma." }] }] },
  },
];

export default config;
