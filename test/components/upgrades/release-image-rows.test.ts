// The release form's rows of region and image, as the API's per-region map, and where the server's field errors go.
import { describe, expect, it } from "vitest";
import { imagesFromRows, placeImageError } from "@/components/upgrades/release-image-rows";

describe("the release form's images", () => {
  it("sends one image per region, trimmed, leaving out a region without an image", () => {
    expect(
      imagesFromRows([
        { region: " us-east-1 ", imageId: " ami-0aaa000000000001 " },
        { region: "us-west-2", imageId: "" },
        { region: "eu-west-1", imageId: "ami-0bbb000000000001" },
        { region: "", imageId: "" },
      ]),
    ).toEqual({ imageIds: { "us-east-1": "ami-0aaa000000000001", "eu-west-1": "ami-0bbb000000000001" }, problems: [] });
  });

  it("names the row of an image without a region, and of a region given twice", () => {
    const { problems } = imagesFromRows([
      { region: "us-east-1", imageId: "ami-0aaa000000000001" },
      { region: "", imageId: "ami-0bbb000000000001" },
      { region: "us-east-1", imageId: "ami-0ccc000000000001" },
    ]);
    expect(problems).toEqual([
      { row: 1, field: "region", message: "is required for an image" },
      { row: 2, field: "region", message: "is given twice: one image per region" },
    ]);
  });

  it("puts a server error on its region's row, naming the region, and one about the whole map on the table", () => {
    const rows = [
      { region: "us-east-1", imageId: "ami-0aaa000000000001" },
      { region: "eu-mars-1", imageId: "ami-0bbb000000000001" },
    ];
    expect(placeImageError("imageIds.eu-mars-1", "is not a known AWS region", rows)).toEqual({ row: 1, message: "eu-mars-1: is not a known AWS region" });
    expect(placeImageError("imageIds", "needs an image for at least one region", rows)).toEqual({
      row: null,
      message: "needs an image for at least one region",
    });
    expect(placeImageError("imageIds.ap-south-1", "must be an image id", rows)).toEqual({ row: null, message: "ap-south-1: must be an image id" });
    expect(placeImageError("engineVersion", "must not be empty", rows)).toBeNull();
  });
});
