import { isRecord, type JsonObject } from './json.ts';
import { importArmBody, importArmExample, importArmTemplate } from './arm-import.ts';
import { importKubernetesValue } from './kubernetes-import.ts';
import type { SourceFrame } from './source-map.ts';
import type { ImportSink } from './import-sink.ts';

/** What a parsed document is, decided from its shape alone. */
export type Detected =
  | { shape: 'list'; items: unknown[] }
  | { shape: 'arm-template' | 'arm-example' | 'arm-body'; value: JsonObject }
  | { shape: 'kubernetes'; value: unknown };

export function detect(value: unknown): Detected {
  if (Array.isArray(value)) return { shape: 'list', items: value };
  if (!isRecord(value)) return { shape: 'kubernetes', value };
  if (isArmTemplate(value)) return { shape: 'arm-template', value };
  if (isRecord(value.parameters) && isRecord(value.parameters.resource)) {
    return { shape: 'arm-example', value };
  }
  // A Kubernetes resource names its kind; an ARM body has properties and no spec.
  if (typeof value.kind !== 'string' && isRecord(value.properties) && value.spec === undefined) {
    return { shape: 'arm-body', value };
  }
  return { shape: 'kubernetes', value };
}

function isArmTemplate(value: JsonObject): boolean {
  const hasResources = Array.isArray(value.resources) || isRecord(value.resources);
  return hasResources && (typeof value.$schema === 'string' || typeof value.contentVersion === 'string');
}

/**
 * Imports any supported document (plain JSON data owned by the import): Kubernetes resources and lists,
 * ARM templates, specification examples and bodies, and JSON arrays of any of these.
 */
export function importValue(value: unknown, source: SourceFrame, sink: ImportSink): void {
  const detected = detect(value);
  switch (detected.shape) {
    case 'list':
      detected.items.forEach((item, i) => importValue(item, { ...source, base: [...source.base, i] }, sink));
      return;
    case 'arm-template':
      return importArmTemplate(detected.value, source, sink);
    case 'arm-example':
      return importArmExample(detected.value, source, sink);
    case 'arm-body':
      return importArmBody(detected.value, source, sink);
    case 'kubernetes':
      return importKubernetesValue(detected.value, source, sink);
  }
}
