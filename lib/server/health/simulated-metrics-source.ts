// The simulated MetricsSource (PROVISIONER=simulated): series computed from the datastore's plan and injected
// incidents (simulation.ts), and alarm states and history DERIVED from those same minutes against the datastore's
// thresholds, so an alarm fires exactly where its chart crosses the line for the threshold's minutes.
import "server-only";
import { parseAlarmNames, type AlarmRef } from "./alarm-names";
import type { AlarmStateNow, AlarmTransition, HealthMetric, MetricPoint, MetricsSource, MetricsTarget, SeriesQuery, SeriesRange } from "./metrics-source";
import { deriveTransitions, MINUTE_MS, minuteValues, simulatedSeries, type SimThreshold } from "./simulation";
import { loadSimWorld, type SimWorld } from "./simulation-model";

export type SimulatedWorld = SimWorld;

export type WorldLoader = (target: MetricsTarget) => Promise<SimulatedWorld | null>;

/** The database's view of a datastore's simulated world. */
export const loadWorldFromDb: WorldLoader = (target) => loadSimWorld(target.datastoreId, target.activeSince);

const HISTORY_LIMIT_MS = 31 * 86_400_000;
const DERIVED_CACHE_MAX = 1000;

interface Evaluated {
  e: AlarmEvaluation;
  transitions: AlarmTransition[];
  state: AlarmStateNow;
}

interface AlarmEvaluation {
  ref: AlarmRef;
  threshold: SimThreshold | undefined;
  level: number | null;
}

function levelOf(t: SimThreshold | undefined, severity: AlarmRef["severity"]): number | null {
  if (!t) return null;
  return severity === "critical" ? t.critical : t.warning;
}

function describe(e: AlarmEvaluation, value: number | null, to: string): string {
  if (e.level === null || !e.threshold) return "No threshold of the datastore matches this alarm any more.";
  if (to === "insufficient-data") return `Fewer than ${e.threshold.forMinutes} minutes of data.`;
  const op = e.threshold.comparison === "below" ? "<=" : ">=";
  const v = value === null ? "no data" : String(Math.round(value * 1000) / 1000);
  return to === "alarm"
    ? `Threshold crossed: ${e.threshold.forMinutes} datapoint(s) ${op} ${e.level}; the last was ${v} (simulated).`
    : `Back within the threshold: the last datapoint ${v} is not ${op} ${e.level} (simulated).`;
}

export class SimulatedMetricsSource implements MetricsSource {
  readonly kind = "simulated" as const;

  constructor(
    private readonly load: WorldLoader = loadWorldFromDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async series(target: MetricsTarget, queries: readonly SeriesQuery[], range: SeriesRange, _signal?: AbortSignal): Promise<Map<string, MetricPoint[]>> {
    const world = await this.load(target);
    const out = new Map<string, MetricPoint[]>();
    for (const q of queries) {
      const cluster = world?.model.clusters.find((c) => c.region === q.region && c.role === q.role);
      out.set(q.id, world && cluster ? simulatedSeries(world.model, cluster, q.metric, range.from, range.to, range.periodSeconds) : []);
    }
    return out;
  }

  /**
   * Derived alarms are a function of the world and the minutes asked for: kept per datastore for the minute, so the
   * health tab's two ranges, its refresh and the at-risk list do not walk 30 days of minutes again.
   */
  private readonly derived = new Map<string, Evaluated[]>();

  /** Every alarm's transitions over [from, to], and its state at `to`. */
  private async evaluate(target: MetricsTarget, from: Date, to: Date): Promise<Evaluated[]> {
    const world = await this.load(target);
    if (!world) return [];
    const key = [
      target.datastoreId,
      Math.ceil(from.getTime() / MINUTE_MS),
      Math.ceil(to.getTime() / MINUTE_MS),
      target.alarmNames.join(","),
      JSON.stringify(world.thresholds),
      JSON.stringify(world.model.incidents),
      JSON.stringify(world.model.clusters),
      world.model.activeSince.getTime(),
    ].join("|");
    const hit = this.derived.get(key);
    if (hit) return hit;
    const result = this.derive(target, world, from, to);
    if (this.derived.size >= DERIVED_CACHE_MAX) this.derived.delete(this.derived.keys().next().value as string);
    this.derived.set(key, result);
    return result;
  }

  private derive(target: MetricsTarget, world: SimulatedWorld, from: Date, to: Date): Evaluated[] {
    const refs = parseAlarmNames(target.alarmNames, { datastoreName: world.datastoreName, regions: world.regions, thresholds: world.thresholds });
    const minutesCache = new Map<string, { start: number; values: (number | null)[] }>();
    const windowFrom = Math.max(from.getTime(), to.getTime() - HISTORY_LIMIT_MS);
    return refs.map((ref) => {
      const threshold = world.thresholds.find((t) => t.role === ref.role && t.metric === ref.metric);
      const e: AlarmEvaluation = { ref, threshold, level: levelOf(threshold, ref.severity) };
      const cluster = world.model.clusters.find((c) => c.region === ref.region && c.role === ref.role);
      if (!threshold || e.level === null || !cluster) {
        const since = world.model.activeSince;
        return { e, transitions: [], state: { alarmName: ref.alarmName, state: "insufficient-data", reason: describe(e, null, "insufficient-data"), since } };
      }
      // Start forMinutes early: the state at windowFrom depends on the minutes before it.
      const walkFrom = windowFrom - threshold.forMinutes * MINUTE_MS;
      const key = `${ref.region}/${ref.role}/${ref.metric}`;
      let minutes = minutesCache.get(key);
      if (!minutes) {
        minutes = minuteValues(world.model, cluster, ref.metric as HealthMetric, walkFrom, to.getTime() + 1);
        minutesCache.set(key, minutes);
      }
      const derived = deriveTransitions(minutes.start, minutes.values, { comparison: threshold.comparison, level: e.level, forMinutes: threshold.forMinutes });
      const transitions = derived.transitions
        .filter((t) => t.at >= windowFrom && t.at <= to.getTime())
        .map((t) => ({ alarmName: ref.alarmName, at: new Date(t.at), from: t.from, to: t.to, reason: describe(e, t.value, t.to) }));
      const last = derived.transitions.at(-1);
      const lastValue = minutes.values.at(-1) ?? null;
      return {
        e,
        transitions,
        state: {
          alarmName: ref.alarmName,
          state: derived.state,
          reason: describe(e, derived.state === "alarm" && last ? last.value : lastValue, derived.state),
          since: last ? new Date(last.at) : world.model.activeSince,
        },
      };
    });
  }

  async alarms(target: MetricsTarget, _signal?: AbortSignal): Promise<AlarmStateNow[]> {
    const now = this.now();
    // The state "since" reaches back at most a day: older transitions do not change today's state.
    return (await this.evaluate(target, new Date(now.getTime() - 86_400_000), now)).map((a) => a.state);
  }

  async alarmHistory(target: MetricsTarget, from: Date, to: Date, _signal?: AbortSignal): Promise<AlarmTransition[]> {
    const end = new Date(Math.min(to.getTime(), this.now().getTime()));
    return (await this.evaluate(target, from, end))
      .flatMap((a) => a.transitions)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.alarmName.localeCompare(b.alarmName));
  }
}
