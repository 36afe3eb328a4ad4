import { describe, expect, it } from "vitest";
import { isJsonMediaType } from "@/lib/server/http/json-body";

describe("isJsonMediaType", () => {
  it.each([
    ["application/json", true],
    ["Application/JSON; charset=UTF-8", true],
    ['application/json; charset="utf-8"', true],
    ["application/merge-patch+json", true],
    [null, false],
    ["", false],
    ["text/plain", false],
    ["text/json", false],
    ["application/jsonp", false],
    ["application/json; charset=iso-8859-1", false],
  ])("%s → %s", (contentType, expected) => {
    expect(isJsonMediaType(contentType)).toBe(expected);
  });
});
