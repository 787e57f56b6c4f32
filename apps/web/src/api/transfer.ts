import { queryOptions } from '@tanstack/react-query';
import type { Resource } from '@flowplane/model';
import type { ProblemIssue } from './problem.ts';
import { request, requestText, segment } from './request.ts';

/** A finding about a bundle (the API's IssueSchema), with where it is as far as the API knows. */
export type BundleIssue = ProblemIssue;

export type PlanAction = 'create' | 'update' | 'unchanged';

export interface PlanEntry {
  kind: string;
  name: string;
  action: PlanAction;
  document: number;
}

export interface ImportResult {
  dryRun: boolean;
  valid: boolean;
  plan: PlanEntry[];
  issues: BundleIssue[];
}

export interface ValidationResult {
  valid: boolean;
  issues: BundleIssue[];
}

export const EXPORT_FORMATS = ['kubernetes', 'arm', 'bicep'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  /** ARM API version; ARM and Bicep only. */
  apiVersion?: string;
  /** Names to export (across kinds, as the API selects); all when undefined. */
  names?: readonly string[];
}

/** JSON (an ARM template, a JSON array) when it looks like JSON; YAML, its superset, otherwise. */
export function manifestContentType(text: string): 'application/json' | 'application/yaml' {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'application/json' : 'application/yaml';
}

function base(instance: string) {
  return `/instances/${segment(instance)}`;
}

/** Creates or updates every resource of the text in one transaction, or (dryRun) only says what it would do. */
export function importBundle(
  instance: string,
  text: string,
  options: { dryRun: boolean },
): Promise<ImportResult> {
  return request<ImportResult>(`${base(instance)}/import`, {
    method: 'POST',
    query: { dryRun: options.dryRun ? true : undefined },
    text: { body: text, contentType: manifestContentType(text) },
  });
}

export interface ExportedText {
  text: string;
  contentType: string;
}

export function exportBundle(instance: string, options: ExportOptions): Promise<ExportedText> {
  return requestText(`${base(instance)}/export`, {
    query: {
      format: options.format,
      apiVersion: options.format === 'kubernetes' ? undefined : options.apiVersion,
      names: options.names?.join(','),
    },
  });
}

/** What a user owns of a stored resource: no server metadata, no status. */
function definitionOf(resource: Resource) {
  const { name, namespace, labels, annotations } = resource.metadata;
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    metadata: { name, namespace, labels, annotations },
    spec: resource.spec,
  };
}

/** Checks resources with every rule the API applies, together with the instance's stored resources. */
export function validateResources(
  instance: string,
  resources: readonly Resource[],
  signal?: AbortSignal,
): Promise<ValidationResult> {
  return request<ValidationResult>(`${base(instance)}/validate`, {
    method: 'POST',
    body: resources.map(definitionOf),
    signal,
  });
}

/** Verdicts are keyed by the versions they judged: any write makes a new key. */
function versionsOf(resources: readonly Resource[]): string[] {
  return resources.map((r) => `${r.kind}/${r.metadata.name}@${r.metadata.resourceVersion ?? ''}`);
}

export const transferQueries = {
  validation: (instance: string, resources: readonly Resource[]) =>
    queryOptions({
      queryKey: ['validation', instance, versionsOf(resources)] as const,
      queryFn: ({ signal }) => validateResources(instance, resources, signal),
    }),
};
