// The caller (`/api/v1/me`).
import { MeSchema } from "../../schemas/access";
import type { ApiOperation } from "./shared";

export const ME = {
  getMe: {
    method: "GET",
    path: "/api/v1/me",
    summary: "Who you are",
    description:
      "The person behind the session or token, whether they administer the portal, and the teams and roles this credential may act with (a token: only its own team and role).",
    tag: "access",
    response: { status: 200, description: "The caller.", schema: MeSchema },
    errors: ["internal"],
  },
} as const satisfies Record<string, ApiOperation>;
