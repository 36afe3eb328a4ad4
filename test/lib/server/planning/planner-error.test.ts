import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { PlannerError } from "@/lib/planner";
import { fromPlannerError } from "@/lib/server/planning/planner-error";

describe("fromPlannerError", () => {
  it("maps no-family-fits to the catalogue's no_family_fits (422), naming the field", () => {
    const mapped = fromPlannerError(new PlannerError("no-family-fits", "Nothing offers linearizable.", "family"));
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({ code: "no_family_fits", status: 422, fieldErrors: [{ field: "family", message: "Nothing offers linearizable." }] });
  });

  it("maps a planner code the catalogue does not know to a 422, never a 500", () => {
    const unknown = new PlannerError("no-family-fits", "x");
    Object.defineProperty(unknown, "code", { value: "shape-catalogue-empty" });
    expect(fromPlannerError(unknown)).toMatchObject({ code: "invalid_input", status: 422, fieldErrors: [] });
  });

  it("leaves other errors alone, so route() treats them as bugs", () => {
    const bug = new TypeError("undefined is not a function");
    expect(fromPlannerError(bug)).toBe(bug);
  });
});
