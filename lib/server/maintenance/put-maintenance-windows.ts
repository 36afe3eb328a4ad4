// Replaces a datastore's weekly maintenance windows (its owners and reviewers), audited with the sets before and
// after. Windows may not overlap: two windows covering the same minute would make "the last window" ambiguous for
// the people reading them. Replacements already placed keep their time; the next ones use the new windows.
import "server-only";
import { AppError, type FieldError } from "@/lib/errors";
import { occurrences } from "@/lib/maintenance/maintenance-windows";
import type { MaintenanceWindow, MaintenanceWindowList } from "@/lib/schemas/maintenance";
import type { Actor } from "../auth/actor";
import { canEditDatastore } from "../auth/policy";
import { audit } from "../audit";
import { db } from "../db/client";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { loadWindows, nextOpensAt } from "./get-maintenance";

/** Field errors for windows that overlap an earlier one of the list (checked over two weeks, so wrap-around counts). */
function overlaps(windows: readonly MaintenanceWindow[]): FieldError[] {
  const errors: FieldError[] = [];
  const from = new Date(Date.UTC(2026, 0, 4)); // a Sunday
  const until = new Date(from.getTime() + 14 * 86_400_000);
  for (let i = 1; i < windows.length; i++) {
    const mine = occurrences([windows[i]!], from, until);
    for (let j = 0; j < i; j++) {
      const theirs = occurrences([windows[j]!], from, until);
      if (mine.some((a) => theirs.some((b) => a.start < b.end && b.start < a.end))) {
        errors.push({ field: `windows.${i}`, message: `overlaps windows.${j}` });
        break;
      }
    }
  }
  return errors;
}

export async function putMaintenanceWindows({
  actor,
  id,
  windows,
}: {
  actor: Actor;
  id: string;
  windows: MaintenanceWindow[];
}): Promise<MaintenanceWindowList> {
  const visible = await findVisibleDatastore(db(), actor, id);
  if (!canEditDatastore(actor, visible.teamId))
    throw new AppError("forbidden", "Only the owning team's members and reviewers may change its maintenance windows.");
  const errors = overlaps(windows);
  if (errors.length > 0)
    throw new AppError("invalid_input", `The windows overlap: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}.`, { fieldErrors: errors });
  return db().$transaction(async (tx) => {
    const before = await loadWindows(tx, visible.id);
    await tx.maintenanceWindow.deleteMany({ where: { datastoreId: visible.id } });
    await tx.maintenanceWindow.createMany({ data: windows.map((w) => ({ datastoreId: visible.id, ...w })) });
    await audit(tx, actor, {
      action: "maintenance.windows-changed",
      subjectType: "datastore",
      subjectId: visible.id,
      teamId: visible.teamId,
      detail: { before, after: windows },
    });
    const after = await loadWindows(tx, visible.id);
    return { windows: after, nextOpensAt: nextOpensAt(after) };
  });
}

export async function getMaintenanceWindows({ actor, id }: { actor: Actor; id: string }): Promise<MaintenanceWindowList> {
  const visible = await findVisibleDatastore(db(), actor, id);
  const windows = await loadWindows(db(), visible.id);
  return { windows, nextOpensAt: nextOpensAt(windows) };
}
