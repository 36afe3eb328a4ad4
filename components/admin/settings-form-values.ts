// The provisioning settings form's own shape and its mapping onto the shared contract (OrgSettingsUpdate), both
// ways; and where a field error's path ("regions.us-east-1.vpcId", "pulumi.passphrase.value") lands in the form.
// The server's 422 and the browser's own check of the same schema go through the same mapping.
import type { z } from "zod";
import { fieldErrorsFromZod, type FieldError } from "@/lib/errors";
import { FAMILIES, type Family } from "@/lib/schemas/plan";
import { OrgSettingsSchema, OrgSettingsUpdateSchema, type OrgSettingsDto, type OrgSettingsUpdate } from "@/lib/schemas/org-settings";

export type OrgSettingsUpdateInput = z.input<typeof OrgSettingsUpdateSchema>;

export interface SubnetRow {
  zone: string;
  subnet: string;
}

export interface RegionFormValues {
  region: string;
  vpcId: string;
  subnets: SubnetRow[];
  imageIds: Record<Family, string>;
  instanceProfileName: string;
  /** One CIDR block per line (or separated by commas). */
  allowedCidrs: string;
  alarmTopicArn: string;
}

export type PassphraseChoice = "env" | "file" | "stored";

export interface SettingsFormValues {
  regions: RegionFormValues[];
  /** Empty: the portal's PULUMI_BACKEND_URL, else its default file backend. */
  backendUrl: string;
  passphrase: { source: PassphraseChoice; variable: string; path: string; value: string };
}

const noImages = (): Record<Family, string> => Object.fromEntries(FAMILIES.map((f) => [f, ""])) as Record<Family, string>;

/** A region just added: its first three zones, ready for their subnets. */
export function newRegion(region: string): RegionFormValues {
  return {
    region,
    vpcId: "",
    subnets: ["a", "b", "c"].map((z) => ({ zone: `${region}${z}`, subnet: "" })),
    imageIds: noImages(),
    instanceProfileName: "",
    allowedCidrs: "",
    alarmTopicArn: "",
  };
}

export function toSettingsFormValues(dto: OrgSettingsDto): SettingsFormValues {
  const regions = Object.entries(dto.regions).flatMap(([region, s]) =>
    s
      ? [
          {
            region,
            vpcId: s.vpcId,
            subnets: Object.entries(s.subnets)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([zone, subnet]) => ({ zone, subnet })),
            imageIds: { ...noImages(), ...Object.fromEntries(Object.entries(s.imageIds).filter((e): e is [string, string] => typeof e[1] === "string")) },
            instanceProfileName: s.instanceProfileName,
            allowedCidrs: s.allowedCidrs.join("\n"),
            alarmTopicArn: s.alarmTopicArn,
          },
        ]
      : [],
  );
  const p = dto.pulumi.passphrase;
  return {
    regions,
    backendUrl: dto.pulumi.backendUrl ?? "",
    passphrase: { source: p.source, variable: p.source === "env" ? p.variable : "", path: p.source === "file" ? p.path : "", value: "" },
  };
}

const listOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function toSettingsUpdate(v: SettingsFormValues): OrgSettingsUpdateInput {
  const regions = Object.fromEntries(
    v.regions.map((r) => [
      r.region,
      {
        vpcId: r.vpcId.trim(),
        subnets: Object.fromEntries(r.subnets.filter((s) => s.zone.trim() || s.subnet.trim()).map((s) => [s.zone.trim(), s.subnet.trim()])),
        imageIds: Object.fromEntries(
          Object.entries(r.imageIds)
            .filter(([, id]) => id.trim() !== "")
            .map(([f, id]) => [f, id.trim()]),
        ),
        instanceProfileName: r.instanceProfileName.trim(),
        allowedCidrs: listOf(r.allowedCidrs),
        alarmTopicArn: r.alarmTopicArn.trim(),
      },
    ]),
  );
  const p = v.passphrase;
  const passphrase =
    p.source === "env"
      ? { source: "env" as const, variable: p.variable.trim() }
      : p.source === "file"
        ? { source: "file" as const, path: p.path.trim() }
        : // A blank stored value keeps the passphrase already stored (the API never returns it).
          { source: "stored" as const, ...(p.value !== "" ? { value: p.value } : {}) };
  return { regions, pulumi: { backendUrl: v.backendUrl.trim() === "" ? null : v.backendUrl.trim(), passphrase } };
}

/**
 * The body to send, or every field error the server would report: the update's shape, then the rules across
 * fields of a region (its zones, its alarm topic) that the server checks with OrgSettingsSchema.
 */
export function checkSettings(values: SettingsFormValues): { ok: true; body: OrgSettingsUpdate } | { ok: false; errors: FieldError[] } {
  const shaped = OrgSettingsUpdateSchema.safeParse(toSettingsUpdate(values));
  if (!shaped.success) return { ok: false, errors: fieldErrorsFromZod(shaped.error) };
  const crossed = OrgSettingsSchema.safeParse({ regions: shaped.data.regions });
  if (!crossed.success) return { ok: false, errors: fieldErrorsFromZod(crossed.error) };
  return { ok: true, body: shaped.data };
}

/**
 * The form path a field error belongs on, or null when no input holds it (it is then listed with the form's
 * message). Region and zone codes never contain dots, so the path splits cleanly.
 */
export function formPathOf({ field, message }: FieldError, values: SettingsFormValues): string | null {
  const [head, second, third, fourth] = field.split(".");
  if (head === "regions" && second) {
    const i = values.regions.findIndex((r) => r.region === second);
    if (i < 0) return null;
    const at = `regions.${i}`;
    switch (third) {
      case undefined:
        return `${at}.region`;
      case "vpcId":
      case "instanceProfileName":
      case "alarmTopicArn":
        return `${at}.${third}`;
      case "allowedCidrs":
        return `${at}.allowedCidrs`;
      case "imageIds":
        return fourth && (FAMILIES as readonly string[]).includes(fourth) ? `${at}.imageIds.${fourth}` : `${at}.imageIds`;
      case "subnets": {
        if (!fourth) return `${at}.subnets.root`;
        const j = values.regions[i]?.subnets.findIndex((s) => s.zone.trim() === fourth) ?? -1;
        // A key error (the zone itself) and a value error (its subnet id) both name the zone; the message says which.
        return j < 0 ? `${at}.subnets.root` : /subnet/i.test(message) ? `${at}.subnets.${j}.subnet` : `${at}.subnets.${j}.zone`;
      }
      default:
        return null;
    }
  }
  if (head === "pulumi") {
    if (second === "backendUrl") return "backendUrl";
    if (second === "passphrase") {
      if (third === "value") return "passphrase.value";
      if (third === "variable") return "passphrase.variable";
      if (third === "path") return "passphrase.path";
      return "passphrase.source";
    }
  }
  return null;
}

/** Errors placed on their inputs (path → message) and the rest. */
export function placeFieldErrors(errors: readonly FieldError[], values: SettingsFormValues): { placed: [string, string][]; rest: FieldError[] } {
  const placed: [string, string][] = [];
  const rest: FieldError[] = [];
  for (const e of errors) {
    const path = formPathOf(e, values);
    if (path) placed.push([path, e.message]);
    else rest.push(e);
  }
  return { placed, rest };
}
