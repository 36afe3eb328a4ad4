// Queries over the resources a program registered under the mocks.
import type { RecordedResource } from "./pulumi-mocks";

export const TYPES = {
  provider: "pulumi:providers:aws",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  group: "aws:autoscaling/group:Group",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
} as const;

export type Tag = { key: string; value: string; propagateAtLaunch: boolean };

export function ofType(resources: readonly RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type);
}

/** A resource's tags as a map (Auto Scaling groups carry a list of {key, value, propagateAtLaunch}). */
export function tagsOf(r: RecordedResource): Record<string, string> {
  const tags = r.inputs.tags;
  if (Array.isArray(tags)) return Object.fromEntries((tags as Tag[]).map((t) => [t.key, t.value]));
  return (tags ?? {}) as Record<string, string>;
}

export function withTags(resources: readonly RecordedResource[], want: Record<string, string>): RecordedResource[] {
  return resources.filter((r) => Object.entries(want).every(([k, v]) => tagsOf(r)[k] === v));
}

export interface IngressRule {
  protocol: string;
  fromPort: number;
  toPort: number;
  cidrBlocks?: string[];
  self?: boolean;
  securityGroups?: string[];
}

export function ingressOf(sg: RecordedResource): IngressRule[] {
  return (sg.inputs.ingress ?? []) as IngressRule[];
}
