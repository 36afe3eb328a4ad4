// Which threshold, region and severity an alarm of the stack's outputs stands for. infra names each alarm with
// lib/schemas/metric-sources.ts (alarmsComponentName, alarmResourceName); Pulumi's auto-naming may append
// `-<random>`. Both metric sources read names this way, so the health page can put an alarm beside its threshold and
// its chart.
import "server-only";
import { alarmResourceName, alarmsComponentName } from "@/lib/schemas/metric-sources";

export type AlarmSeverity = "critical" | "warning";

export interface AlarmRef {
  alarmName: string;
  region: string;
  role: string;
  metric: string;
  severity: AlarmSeverity;
}

export interface AlarmNaming {
  datastoreName: string;
  regions: readonly string[];
  thresholds: readonly { role: string; metric: string }[];
}

/** The prefix infra/alarms.ts gives an alarm (without Pulumi's suffix). */
export function alarmPrefix(datastoreName: string, region: string, role: string, metric: string, severity: AlarmSeverity): string {
  return alarmResourceName(alarmsComponentName(datastoreName, region), role, metric, severity);
}

/** The alarms among `names` that stand for a threshold of the datastore; an unknown name is left out. */
export function parseAlarmNames(names: readonly string[], naming: AlarmNaming): AlarmRef[] {
  const candidates: Omit<AlarmRef, "alarmName">[] = [];
  for (const region of naming.regions)
    for (const t of naming.thresholds)
      for (const severity of ["critical", "warning"] as const) candidates.push({ region, role: t.role, metric: t.metric, severity });
  const prefixes = candidates
    .map((c) => ({ ...c, prefix: alarmPrefix(naming.datastoreName, c.region, c.role, c.metric, c.severity) }))
    // The longest prefix first: role "data" metric "x" must not claim role "data-x"'s alarms.
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return names.flatMap((alarmName) => {
    const match = prefixes.find((p) => alarmName === p.prefix || alarmName.startsWith(`${p.prefix}-`));
    return match ? [{ alarmName, region: match.region, role: match.role, metric: match.metric, severity: match.severity }] : [];
  });
}
