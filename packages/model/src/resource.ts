import type { TSchema } from 'typebox';
import { DataflowEndpoint } from './schema/endpoint.ts';
import { DataflowProfile } from './schema/profile.ts';
import { Dataflow } from './schema/dataflow.ts';
import { DataflowGraph } from './schema/graph.ts';

export const RESOURCE_KINDS = ['DataflowEndpoint', 'DataflowProfile', 'Dataflow', 'DataflowGraph'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** The schema of each kind: the one place a kind's shape is defined. */
export const RESOURCE_SCHEMAS = {
  DataflowEndpoint,
  DataflowProfile,
  Dataflow,
  DataflowGraph,
} as const satisfies Record<ResourceKind, TSchema>;

export type Resource = DataflowEndpoint | DataflowProfile | Dataflow | DataflowGraph;

/** Resources that run in a profile. */
export const PROFILE_CHILD_KINDS = ['Dataflow', 'DataflowGraph'] as const;
export type ResourceOfKind<K extends ResourceKind> = Extract<Resource, { kind: K }>;

/** Identifies a resource within an instance. */
export interface ResourceKey {
  kind: string;
  name: string;
}

export function isResourceKind(value: unknown): value is ResourceKind {
  return typeof value === 'string' && (RESOURCE_KINDS as readonly string[]).includes(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Best-effort identity of any document, even an invalid one, for grouping issues. */
export function resourceKeyOf(doc: unknown): ResourceKey {
  const kind = isRecord(doc) && typeof doc.kind === 'string' ? doc.kind : '(unknown kind)';
  const metadata = isRecord(doc) ? doc.metadata : undefined;
  const name = isRecord(metadata) && typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
  return { kind, name };
}

export function formatResourceKey(key: ResourceKey): string {
  return `${key.kind}/${key.name}`;
}
