// The team policy form's upgrade opt-in, rendered on the server as the page first paints it: a checkbox named
// "Upgrade early", checked from the team's setting, described by the sentence saying what it does.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { TeamPolicyForm } from "@/components/admin/team-policy-form";
import type { TeamDto } from "@/lib/query/types";

const team = (upgradeEarly: boolean): TeamDto => ({
  id: "t1",
  slug: "streaming",
  name: "Streaming",
  createdAt: new Date(0).toISOString(),
  role: "admin",
  members: [],
  autoMaintenance: false,
  warningTopicArn: null,
  upgradeEarly,
  actions: { changePolicy: { allowed: true } },
});

function html(t: TeamDto): string {
  return renderToStaticMarkup(createElement(QueryClientProvider, { client: new QueryClient() }, createElement(TeamPolicyForm, { team: t })));
}

describe("TeamPolicyForm", () => {
  it("has an 'Upgrade early' checkbox, checked from the team's setting and described by what it does", () => {
    const on = html(team(true));
    const box = /<label><span><input type="checkbox"([^>]*)\/> ?Upgrade early<\/span><\/label>/.exec(on);
    expect(box, on).not.toBeNull();
    expect(box?.[1]).toContain('checked=""');
    expect(box?.[1]).toContain('aria-describedby="policy-streaming-early-help"');
    expect(on).toMatch(/<p id="policy-streaming-early-help"[^>]*>The team&#x27;s datastores take upgrades in the first wave of their tier/);
    const off = /<input type="checkbox"([^>]*data-testid="upgrade-early"[^>]*)\/>/.exec(html(team(false)));
    expect(off?.[1]).not.toContain("checked");
  });
});
