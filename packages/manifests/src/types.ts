import type { ManifestIssue } from '@flowplane/model';

/** The text formats resources can be exported to. */
export type ManifestFormat = 'kubernetes' | 'arm' | 'bicep';

/** Where an imported document came from. */
export type ImportOrigin = 'kubernetes' | 'kubernetes-v1beta1' | 'arm';

/** One resource read from a manifest, in the canonical Kubernetes form (not validated). */
export interface ImportedDocument {
  /**
   * 0-based position of the entry in the input: each non-empty YAML document, each item of a Kubernetes
   * `List`, each element of a JSON array and each resource of an ARM template is one entry. Issues
   * carry the same number in `document`.
   */
  index: number;
  resource: unknown;
  origin: ImportOrigin;
}

/**
 * What an import read. `issues` say what could not be read (errors) and what was rewritten on the
 * way in (warnings); their `path` is a JSON pointer into the imported resource.
 */
export interface ImportResult {
  documents: ImportedDocument[];
  issues: ManifestIssue[];
}

export interface ExportOptions {
  /** ARM API version of ARM and Bicep exports; defaults to the newest stable version. */
  apiVersion?: string;
  /** Kubernetes namespace written into every exported resource. */
  namespace?: string;
  /** Leave out every field whose value the platform would use anyway (the model's `minimal`). */
  minimal?: boolean;
}

export interface ExportResult {
  text: string;
  issues: ManifestIssue[];
}

/** An ARM deployment template parameter. */
export interface ArmParameter {
  type: 'string';
  metadata?: { description: string };
  defaultValue?: string;
}

/** One resource of an ARM deployment template, as Flowplane writes it. */
export interface ArmTemplateResource {
  type: string;
  apiVersion: string;
  name: string;
  extendedLocation: { name: string; type: 'CustomLocation' };
  properties: Record<string, unknown>;
  dependsOn?: string[];
}

/** An ARM deployment template (schema 2019-04-01). */
export interface ArmTemplate {
  $schema: string;
  contentVersion: string;
  parameters: Record<string, ArmParameter>;
  resources: ArmTemplateResource[];
}
