// A team's settings card on the dashboard follows the server's verdict: shown with the policy form (upgrade opt-in
// included) when the team's changePolicy action is allowed, left out when it is not.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { TeamSettings } from "@/components/dashboard/team-settings";
import { adminKeys } from "@/lib/query/admin";
import type { TeamDto } from "@/lib/query/types";

function html(changePolicy: TeamDto["actions"]["changePolicy"]): string {
  const client = new QueryClient();
  const team: TeamDto = {
    id: "t1",
    slug: "streaming",
    name: "Streaming",
    createdAt: new Date(0).toISOString(),
    role: "admin",
    members: [],
    autoMaintenance: false,
    warningTopicArn: null,
    upgradeEarly: true,
    actions: { changePolicy },
  };
  client.setQueryData(adminKeys.teams, [team]);
  return renderToStaticMarkup(createElement(QueryClientProvider, { client }, createElement(TeamSettings, { teamId: "t1" })));
}

describe("TeamSettings", () => {
  it("shows the team's policy form, opt-in checked, to those the server lets change it, and nothing to others", () => {
    const allowed = html({ allowed: true });
    expect(allowed).toContain('<h2 id="team-settings-streaming">Streaming · settings</h2>');
    expect(/<input type="checkbox"[^>]*data-testid="upgrade-early"[^>]*>/.exec(allowed)?.[0]).toContain('checked=""');
    expect(html({ allowed: false, code: "forbidden", reason: "Only the team's admins…" })).toBe("");
  });
});
