// Replaces the organisation settings (portal administrators only; If-Match on the version the admin saw): the
// regions cross-checked, the passphrase source with a stored value sealed at rest, the row and its audit event in
// one transaction. The audit says what changed — which regions, whether the passphrase did — never a secret.
import "server-only";
import { AppError, invalidInput } from "@/lib/errors";
import { OrgSettingsSchema, type OrgSettings, type OrgSettingsDto, type OrgSettingsUpdate, type PassphraseSourceInput } from "@/lib/schemas/org-settings";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { audit } from "../audit";
import { canonicalJson } from "../canonical-json";
import { db } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";
import { checkIfMatch, etagOf, type IfMatch } from "../http/etag";
import { toOrgSettingsDto } from "./org-settings-dto";
import { findOrgSettingsRow, ORG_SETTINGS_ID, passphraseSourceOf, regionsOf, type OrgSettingsRow, type StoredPassphraseSource } from "./org-settings-row";
import { openSecret, sealSecret } from "./secret-box";

export interface UpdateOrgSettingsOptions {
  actor: Actor;
  /** The request's If-Match; undefined when absent, which is a 428. */
  ifMatch: IfMatch | undefined;
  body: OrgSettingsUpdate;
}

const VALUE_FIELD = "pulumi.passphrase.value";

/** The cross-field rules the body's shape cannot express: zones of the region, the alarm topic in the region. */
function checkedRegions(regions: OrgSettingsUpdate["regions"]): OrgSettings {
  const result = OrgSettingsSchema.safeParse({ regions });
  if (!result.success) throw invalidInput(result.error, "settings");
  return result.data;
}

function passphraseRequired(message: string): AppError {
  return new AppError("invalid_input", `The settings have 1 invalid field: ${VALUE_FIELD}.`, { fieldErrors: [{ field: VALUE_FIELD, message }] });
}

interface NextPassphrase {
  source: StoredPassphraseSource;
  cipher: string | null;
  changed: boolean;
}

/** The source and cipher to store: a new value is sealed; "stored" without one keeps the readable stored value. */
function nextPassphrase(input: PassphraseSourceInput, current: OrgSettingsRow | null): NextPassphrase {
  const before = passphraseSourceOf(current);
  const beforeValue = before.source === "stored" && current?.passphraseCipher ? openSecret(current.passphraseCipher) : null;
  if (input.source !== "stored") {
    // Leaving "stored" drops the sealed value: a secret nobody uses should not sit in the database.
    const source: StoredPassphraseSource = input.source === "env" ? { source: "env", variable: input.variable } : { source: "file", path: input.path };
    return { source, cipher: null, changed: JSON.stringify(source) !== JSON.stringify(before) };
  }
  if (input.value !== undefined) return { source: { source: "stored" }, cipher: sealSecret(input.value), changed: input.value !== beforeValue };
  if (beforeValue !== null && current?.passphraseCipher) return { source: { source: "stored" }, cipher: current.passphraseCipher, changed: false };
  if (before.source === "stored" && current?.passphraseCipher) {
    throw passphraseRequired("is required: the stored passphrase can no longer be decrypted (the portal's secret changed); enter it again");
  }
  throw passphraseRequired("is required: no passphrase is stored yet");
}

/** Regions added, removed and changed; compared in canonical JSON, so key order alone is no change. */
function regionChanges(before: OrgSettings["regions"], after: OrgSettings["regions"]) {
  const had = Object.keys(before);
  const has = Object.keys(after);
  return {
    added: has.filter((r) => !had.includes(r)).sort(),
    removed: had.filter((r) => !has.includes(r)).sort(),
    changed: has.filter((r) => had.includes(r) && canonicalJson(before[r as keyof typeof before]) !== canonicalJson(after[r as keyof typeof after])).sort(),
  };
}

export async function updateOrgSettings({ actor, ifMatch, body }: UpdateOrgSettingsOptions): Promise<OrgSettingsDto> {
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only portal administrators change the organisation settings (and never through an API token).");
  const current = await findOrgSettingsRow(db());
  const version = current?.version ?? 1;
  if (ifMatch === undefined) {
    throw new AppError(
      "precondition_required",
      `Send If-Match with the settings' ETag (currently ${etagOf(version)}) so that concurrent edits cannot overwrite each other.`,
    );
  }
  checkIfMatch(ifMatch, version, "organisation settings");
  const { regions } = checkedRegions(body.regions);
  const passphrase = nextPassphrase(body.pulumi.passphrase, current);
  const data = {
    regions,
    backendUrl: body.pulumi.backendUrl,
    passphraseSource: passphrase.source,
    passphraseCipher: passphrase.cipher,
    updatedById: actor.userId,
    updatedBy: actor.label,
  };

  let row: OrgSettingsRow;
  try {
    row = await db().$transaction(async (tx) => {
      if (current) {
        // The conditional update is the real check: an edit that landed since the read above wins; this one gets 412.
        const { count } = await tx.orgSetting.updateMany({
          where: { id: ORG_SETTINGS_ID, version: current.version },
          data: { ...data, version: { increment: 1 } },
        });
        if (count !== 1) throw stale();
      } else {
        // No row reads as version 1, so the first save is version 2: a client still holding "v1" is then stale.
        await tx.orgSetting.create({ data: { id: ORG_SETTINGS_ID, ...data, version: 2 } });
      }
      const saved = await tx.orgSetting.findUniqueOrThrow({ where: { id: ORG_SETTINGS_ID } });
      await audit(tx, actor, {
        action: "settings.updated",
        subjectType: "settings",
        subjectId: ORG_SETTINGS_ID,
        detail: {
          fromVersion: version,
          toVersion: saved.version,
          regions: regionChanges(regionsOf(current).regions, regions),
          backendUrlChanged: (current?.backendUrl ?? null) !== body.pulumi.backendUrl,
          passphrase: { source: passphrase.source.source, changed: passphrase.changed },
        },
      });
      return saved;
    });
  } catch (error) {
    // Two first saves at once meet at the primary key: the later one is as stale as a lost conditional update.
    if (isUniqueViolation(error)) throw stale();
    throw error;
  }
  return toOrgSettingsDto(row);
}

function stale(): AppError {
  return new AppError("precondition_failed", "The organisation settings changed while your edit was applied; read them again and reapply your change.");
}
