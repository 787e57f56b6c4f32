import type { Resource, ResourceKind } from '@flowplane/model';
import { instancePath, type SectionSegment } from '../shell/sections.ts';

export const KIND_ORDER = [
  'DataflowEndpoint',
  'DataflowProfile',
  'Dataflow',
  'DataflowGraph',
] as const satisfies readonly ResourceKind[];

/** The instance's resources, every kind loaded. */
export type ResourcesByKind = Record<ResourceKind, Resource[]>;

export const KIND_LABELS: Record<ResourceKind, { one: string; many: string }> = {
  DataflowEndpoint: { one: 'Endpoint', many: 'Endpoints' },
  DataflowProfile: { one: 'Profile', many: 'Profiles' },
  Dataflow: { one: 'Dataflow', many: 'Dataflows' },
  DataflowGraph: { one: 'Dataflow graph', many: 'Dataflow graphs' },
};

/** The portal page of each kind; graphs have none yet. */
const SECTIONS: Partial<Record<string, SectionSegment>> = {
  DataflowEndpoint: 'endpoints',
  DataflowProfile: 'profiles',
  Dataflow: 'dataflows',
};

const LABELS_BY_NAME: Partial<Record<string, { one: string }>> = KIND_LABELS;

/** The label of a kind the API named; an unknown kind (from a submitted document) shows as it is. */
export function kindLabel(kind: string): string {
  return LABELS_BY_NAME[kind]?.one ?? kind;
}

export function sectionOf(kind: string): SectionSegment | undefined {
  return SECTIONS[kind];
}

/** The detail page of a resource, or undefined when its kind has no page. */
export function resourcePath(instance: string, kind: string, name: string): string | undefined {
  const section = sectionOf(kind);
  return section === undefined ? undefined : instancePath(instance, section, name);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
