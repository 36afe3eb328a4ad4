import next from "eslint-config-next";
import tseslint from "typescript-eslint";

// Who may import whom (STYLE.md). Flat config gives a file the last matching setting of a rule, so every block below
// lists all the patterns its files must obey.
const noPulumi = { group: ["@pulumi/*"], message: "Only infra/ imports Pulumi." };
// One database client and one Prisma namespace per process (a second copy does not recognise the first one's
// Prisma.DbNull): only lib/server/db/ reaches the generated client.
const noGeneratedClient = {
  group: ["**/db/generated/*"],
  allowTypeImports: true,
  message: "Use db() and jsonDbNull() from lib/server/db/client: one client and one Prisma namespace per process.",
};
const noPrisma = { group: ["@prisma/*"], message: "Only lib/server imports Prisma." };
// Contracts point inward: lib/ defines what infra/ implements (lib/schemas/datastore-spec.ts,
// lib/server/provisioning/engine-contract.ts) and reaches the implementations through one composition point.
const COMPOSITION_POINT = "lib/server/provisioning/engine.ts";
const INFRA_MESSAGE = `Only ${COMPOSITION_POINT} imports infra/: define the contract in lib/ and let infra/ implement it.`;
const noInfra = { group: ["@/infra", "@/infra/*", "**/infra", "**/infra/*"], message: INFRA_MESSAGE };
// no-restricted-imports does not see import(): the same rule for lazy imports.
const noLazyInfra = { selector: "ImportExpression[source.value=/^(@\\/|(\\.\\.?\\/)+)infra(\\/|$)/]", message: INFRA_MESSAGE };

// The pure core runs in the browser and in Pulumi's runtime.
const pureCore = {
  patterns: [
    {
      group: ["next", "next/*", "react", "react-dom", "@tanstack/*", "react-hook-form", "@hookform/*"],
      message: "lib/schemas, lib/catalog and lib/planner are pure TypeScript: no UI frameworks.",
    },
    { group: ["@prisma/*", "**/server/**", "@/lib/server/*"], message: "The pure core never imports server code or Prisma." },
    noPulumi,
    noInfra,
    { group: ["@/*"], message: "Use relative imports in the pure core (it runs outside Next's resolver)." },
  ],
};

// The benchmark harness runs in the worker, scripts and benches: no UI, no Prisma, no Pulumi, relative imports.
const benchCore = {
  patterns: [
    {
      group: ["next", "next/*", "react", "react-dom", "@tanstack/*", "react-hook-form", "@hookform/*"],
      message: "lib/bench is a library for the worker and scripts: no UI frameworks.",
    },
    {
      group: ["@prisma/*", "**/server/**", "@/lib/server/*"],
      message: "lib/bench never imports server code or Prisma: runs are stored by lib/server, which calls it.",
    },
    { group: ["@pulumi/*"], message: "Only infra/ imports Pulumi." },
    { group: ["@/*"], message: "Use relative imports in lib/bench (it runs outside Next's resolver)." },
  ],
};

// The dsp CLI (cli/) is a client of the API: it reaches the portal through lib/client, never through server code.
const cliClient = {
  patterns: [
    { group: ["@/lib/server/*", "**/lib/server/**", "@/app/*"], message: "cli/ is a client of /api/v1: call it through lib/client." },
    { group: ["next", "next/*", "react", "react-dom", "@tanstack/*"], message: "cli/ runs in a terminal: no UI frameworks." },
    noPrisma,
    noPulumi,
    noInfra,
  ],
};

// The browser reaches /api/v1 only through the typed client (lib/query/client.ts): operation ids, not hand-copied
// URL templates that drift from the registry. A string or template starting with /api/v1 is what such a copy looks like.
const API_URL_MESSAGE = "Call the API through apiClient (lib/query/client.ts) by operation id; for a link or EventSource use apiClient.url().";
const noApiUrls = [
  { selector: "Literal[value=/^\\/api\\/v1(\\/|$)/]", message: API_URL_MESSAGE },
  { selector: "TemplateLiteral[quasis.0.value.cooked=/^\\/api\\/v1(\\/|$)/]", message: API_URL_MESSAGE },
];
/** Where the browser's code lives (server-only modules and route handlers may name paths). */
export const BROWSER_API_CALLERS = ["lib/query/**", "components/**", "app/(portal)/**"];

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
  // No circular imports in the source, lazy `import()` included: a cycle means modules that cannot be understood apart.
  { files: ["app/**", "components/**", "lib/**", "infra/**", "scripts/**", "cli/**"], rules: { "import/no-cycle": ["error", { ignoreExternal: true }] } },
  {
    files: ["lib/**"],
    ignores: [COMPOSITION_POINT],
    rules: { "no-restricted-imports": ["error", { patterns: [noInfra] }], "no-restricted-syntax": ["error", noLazyInfra] },
  },
  { files: ["lib/schemas/**", "lib/catalog/**", "lib/planner/**", "lib/openapi/**", "lib/errors.ts"], rules: { "no-restricted-imports": ["error", pureCore] } },
  { files: ["lib/bench/**"], rules: { "no-restricted-imports": ["error", benchCore] } },
  // The agent tools run in the `dsp mcp` CLI too: they reach the portal through the typed client, never its server code.
  {
    files: ["lib/mcp/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/server/*", "**/lib/server/**", "@/app/*"], message: "lib/mcp calls the API through lib/client." },
            noPrisma,
            noPulumi,
            noInfra,
          ],
        },
      ],
    },
  },
  { files: ["cli/**"], rules: { "no-restricted-imports": ["error", cliClient] } },
  {
    files: ["components/**", "app/**/*.tsx"],
    ignores: ["app/api/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/server/*", "**/lib/server/**"], message: "components/ never import lib/server." }, noPrisma, noPulumi, noInfra] },
      ],
    },
  },
  {
    files: ["lib/server/**", "lib/db-*.ts"],
    ignores: [COMPOSITION_POINT],
    rules: { "no-restricted-imports": ["error", { patterns: [noPulumi, noInfra, noGeneratedClient] }] },
  },
  {
    files: [COMPOSITION_POINT, "scripts/**", "bench/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noPulumi, noGeneratedClient] }] },
  },
  { files: ["lib/server/db/**"], rules: { "no-restricted-imports": ["error", { patterns: [noPulumi, noInfra] }] } },
  {
    files: ["app/**", "lib/query/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noPulumi, noPrisma, noInfra] }] },
  },
  { files: BROWSER_API_CALLERS, rules: { "no-restricted-syntax": ["error", noLazyInfra, ...noApiUrls] } },
];

export default config;
