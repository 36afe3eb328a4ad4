// A release's machine images as people read them: one line per region (an AMI exists in one region), or a release
// from before images were per region: its one image, for every region.
import type { FamilyReleaseDto } from "@/lib/schemas/campaign";

export function ReleaseImages({ release }: { release: Pick<FamilyReleaseDto, "imageIds" | "imageId"> }) {
  const regions = Object.keys(release.imageIds).sort();
  if (regions.length === 0)
    return (
      <span data-testid="release-images">
        <code className="wrap-anywhere">{release.imageId ?? "—"}</code> <span className="muted small">(every region)</span>
      </span>
    );
  return (
    <ul className="release-images" data-testid="release-images">
      {regions.map((region) => (
        <li key={region} data-region={region}>
          <span className="muted">{region}</span> <code className="wrap-anywhere">{release.imageIds[region]}</code>
        </li>
      ))}
    </ul>
  );
}
