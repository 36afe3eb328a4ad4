// The release form's images, one row (region, image) per region, as the API takes them: a map of region → image.
// What the browser can tell alone is checked here (an image without its region, a region twice); region codes and
// image ids are the server's to judge, and its field errors (`imageIds.<region>`) go back onto that region's row.

export interface ImageRow {
  region: string;
  imageId: string;
}

export interface RowProblem {
  row: number;
  field: keyof ImageRow;
  message: string;
}

/**
 * The rows as the body's `imageIds`, trimmed. A row without an image is left out: the release has no image there, and
 * the region's datastores are listed as not upgradable by it.
 */
export function imagesFromRows(rows: readonly ImageRow[]): { imageIds: Record<string, string>; problems: RowProblem[] } {
  const trimmed = rows.map((r) => ({ region: r.region.trim(), imageId: r.imageId.trim() }));
  const problems: RowProblem[] = [];
  const imageIds: Record<string, string> = {};
  trimmed.forEach((r, row) => {
    if (!r.imageId) return;
    if (!r.region) problems.push({ row, field: "region", message: "is required for an image" });
    else if (r.region in imageIds) problems.push({ row, field: "region", message: "is given twice: one image per region" });
    else imageIds[r.region] = r.imageId;
  });
  return { imageIds, problems };
}

/**
 * Where a server field error about the images goes: `imageIds.<region>` onto the row of that region (its image
 * field, the message naming the region), `imageIds` (or a region no row holds) onto the table. Null: not about images.
 */
export function placeImageError(field: string, message: string, rows: readonly ImageRow[]): { row: number | null; message: string } | null {
  if (field === "imageIds") return { row: null, message };
  if (!field.startsWith("imageIds.")) return null;
  const region = field.slice("imageIds.".length);
  const row = rows.findIndex((r) => r.region.trim() === region && r.imageId.trim() !== "");
  return { row: row >= 0 ? row : null, message: `${region}: ${message}` };
}
