"use client";
// A team's maintenance policy (automatic replacements for its tier 0/1 datastores, or a reviewer's approval), the
// SNS topic its alarm warnings go to, and its upgrade opt-in (its datastores go first in their tier's campaign wave).
// The server validates the ARN; its message goes next to the field.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { updateTeamPolicy } from "@/lib/query/admin";
import type { TeamDto } from "@/lib/query/types";
import { useInvalidateAdmin } from "./use-invalidate-admin";

export function TeamPolicyForm({ team }: { team: TeamDto }) {
  const invalidate = useInvalidateAdmin();
  const [auto, setAuto] = useState(team.autoMaintenance);
  const [arn, setArn] = useState(team.warningTopicArn ?? "");
  const [early, setEarly] = useState(team.upgradeEarly);
  const save = useMutation({
    mutationFn: () => updateTeamPolicy(team.id, { autoMaintenance: auto, warningTopicArn: arn.trim() === "" ? null : arn.trim(), upgradeEarly: early }),
    onSuccess: invalidate,
  });
  const arnError = isApiProblem(save.error) ? save.error.fieldErrors.find((e) => e.field === "warningTopicArn")?.message : undefined;
  const id = `policy-${team.slug}`;
  return (
    <form
      className="team-policy"
      aria-label={`Maintenance policy of ${team.name}`}
      data-testid="team-policy"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label>
        <span>
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> Automatic maintenance (tier 0/1 replacements need no reviewer)
        </span>
      </label>
      <label>
        <span>
          <input
            type="checkbox"
            checked={early}
            onChange={(e) => setEarly(e.target.checked)}
            aria-describedby={`${id}-early-help`}
            data-testid="upgrade-early"
          />{" "}
          Upgrade early
        </span>
      </label>
      <p id={`${id}-early-help`} className="muted small">
        The team&apos;s datastores take upgrades in the first wave of their tier: campaigns created from now on upgrade them before other teams&apos; datastores
        of the same tier.
      </p>
      <label htmlFor={`${id}-arn`}>
        Warning topic (SNS ARN)
        <input
          id={`${id}-arn`}
          type="text"
          className="input"
          value={arn}
          placeholder="arn:aws:sns:us-east-1:123456789012:team-warnings"
          onChange={(e) => setArn(e.target.value)}
          aria-invalid={arnError ? true : undefined}
          aria-describedby={arnError ? `${id}-arn-error` : undefined}
        />
      </label>
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save policy"}
      </button>
      {arnError ? (
        <p id={`${id}-arn-error`} className="field-error" role="alert">
          Warning topic {arnError}
        </p>
      ) : save.error ? (
        <p className="field-error" role="alert">
          {errorMessage(save.error)}
        </p>
      ) : save.isSuccess ? (
        <p className="muted small" role="status">
          Saved.
        </p>
      ) : null}
    </form>
  );
}
