"use client";
// The planner page: the workload form on one side, the live plan on the other, recomputed in the browser on
// every valid change — no network round-trip, so what-if questions cost a keystroke.
// usePlanner + PlannerPanes are shared with the request wizard, which adds a team picker and actions.
import { useDeferredValue, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { FormProvider, useForm, useWatch, type UseFormReturn } from "react-hook-form";
import type { WorkloadInput } from "@/lib/schemas";
import { computeLivePlan, type FamilyChoice, type LivePlan } from "./live-plan";
import { PlanResults } from "./plan-results";
import { PresetPicker } from "./preset-picker";
import { RegionWarning } from "./region-warning";
import { STARTER_WORKLOAD, type Preset } from "./presets";
import { WorkloadForm } from "./workload-form";
import { toFormValues, toWorkloadInput, type WorkloadFormValues } from "./workload-form-values";
import { workloadResolver } from "./workload-resolver";

const subscribeNever = () => () => {};

/** false during server rendering and hydration, true once React owns the page. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

export interface Planner {
  form: UseFormReturn<WorkloadFormValues>;
  hydrated: boolean;
  live: LivePlan;
  lastGood: LivePlan | undefined;
  choice: FamilyChoice;
  setChoice: (choice: FamilyChoice) => void;
  presetId: string | undefined;
  applyPreset: (preset: Preset) => void;
  updating: boolean;
}

export function usePlanner({
  initial = STARTER_WORKLOAD,
  initialChoice = "recommended",
}: { initial?: WorkloadInput; initialChoice?: FamilyChoice } = {}): Planner {
  const hydrated = useHydrated();
  const form = useForm<WorkloadFormValues>({
    mode: "onChange",
    defaultValues: toFormValues(initial),
    resolver: workloadResolver,
  });
  const [choice, setChoice] = useState<FamilyChoice>(initialChoice);
  const [presetId, setPresetId] = useState<string | undefined>(undefined);

  // A string, so the planner reruns only when the workload itself changed, not on unrelated re-renders.
  const workloadJson = useWatch({ control: form.control, compute: (values: WorkloadFormValues) => JSON.stringify(toWorkloadInput(values)) });
  // Typing stays responsive: React renders the keystroke first and the (heavier) plan when it can.
  const deferredJson = useDeferredValue(workloadJson);
  const live = useMemo(() => computeLivePlan(deferredJson, choice), [deferredJson, choice]);

  // Keep the last good plan on screen (dimmed) while the form is invalid, so a typo does not blank the page.
  const [lastGood, setLastGood] = useState<LivePlan | undefined>(live.status === "invalid" ? undefined : live);
  if (live.status !== "invalid" && live !== lastGood) setLastGood(live);

  // onChange validation only re-checks the input that changed; rules that tie fields together (low ≤ mid,
  // graph-only fields) need the whole form re-checked so errors appear and clear on the right input.
  const { trigger } = form;
  useEffect(() => {
    void trigger();
  }, [workloadJson, trigger]);

  const applyPreset = (preset: Preset) => {
    form.reset(toFormValues(preset.workload));
    setChoice("recommended");
    setPresetId(preset.id);
  };

  return { form, hydrated, live, lastGood, choice, setChoice, presetId, applyPreset, updating: workloadJson !== deferredJson };
}

interface PanesProps {
  planner: Planner;
  /** Above the workload card (the wizard's team picker). */
  before?: ReactNode;
  /** Below the workload card (the wizard's actions). */
  after?: ReactNode;
  /** In place of the ranked plans (the day-2 change form shows the datastore's shape and its alternatives). */
  results?: ReactNode;
}

export function PlannerPanes({ planner, before, after, results }: PanesProps) {
  const { form, hydrated, live, lastGood, choice, setChoice, presetId, applyPreset, updating } = planner;
  return (
    <div className="planner">
      <div className="planner-form">
        {before}
        <FormProvider {...form}>
          <form className="card" noValidate aria-label="Workload" onSubmit={(e) => e.preventDefault()}>
            <div className="card-head">
              <h2>Workload</h2>
              <p className="muted">Rates are per region; every region serves them.</p>
            </div>
            <PresetPicker activeId={presetId} onPick={applyPreset} disabled={!hydrated} />
            {/* Disabled until hydrated: react-hook-form resets inputs when it attaches, so anything typed
                into the server-rendered page before then would silently vanish. */}
            <fieldset className="form-body" disabled={!hydrated}>
              <WorkloadForm family={familyOf(live) ?? familyOf(lastGood)} />
            </fieldset>
          </form>
        </FormProvider>
        {after}
      </div>
      <div className="planner-results" aria-live="polite" aria-busy={updating}>
        {live.status === "invalid" ? null : <RegionWarning regions={live.workload.regions} />}
        {results ?? <PlanResults live={live} lastGood={lastGood} choice={choice} onChoice={setChoice} updating={updating} />}
      </div>
    </div>
  );
}

/** The family a live plan is for (its model's defaults become the form's placeholders). */
function familyOf(live: LivePlan | undefined) {
  return live && (live.status === "planned" || live.status === "failed") ? live.family : undefined;
}

export function PlannerView() {
  const planner = usePlanner();
  return <PlannerPanes planner={planner} />;
}
