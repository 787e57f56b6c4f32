import { issue } from '@flowplane/model';
import { toPlainJson } from './json.ts';
import { frame } from './source-map.ts';
import { addFailure, createSink, type ImportSink } from './import-sink.ts';
import { importValue } from './detect.ts';
import { importKubernetesValue } from './kubernetes-import.ts';
import { parseText, type TextSyntax } from './text-input.ts';
import type { ImportResult } from './types.ts';

/**
 * Reads multi-document YAML, a JSON object/array of Kubernetes resources, or ARM JSON (auto-detected):
 * Kubernetes resources (v1 and the older v1beta1) and `List`s, ARM deployment templates, REST
 * specification examples, PUT/GET bodies and arrays of these. Never throws: what cannot be read is an
 * issue. Resources are not validated; run `validateInstance` on them.
 */
export function importManifests(text: string, options: { filename?: string } = {}): ImportResult {
  if (options.filename !== undefined && /\.bicep$/i.test(options.filename)) {
    const sink = createSink();
    const problem = 'Bicep files cannot be imported; compile them to an ARM template (az bicep build) first.';
    addFailure(sink, [issue('manifest.unsupported', '', problem)], frame(undefined));
    return sink.result;
  }
  return readText(text, syntaxOf(options.filename), importValue);
}

/** Reads multi-document Kubernetes YAML (`connectivity.iotoperations.azure.com/v1` or `v1beta1`). */
export function importKubernetesYaml(text: string): ImportResult {
  return readText(text, 'yaml', importKubernetesValue);
}

/**
 * Reads parsed ARM JSON: a deployment template, a specification example (`{parameters: {..., resource}}`),
 * a PUT body (`{properties, name?, type?}`), a JSON array of these, or Kubernetes resources given as JSON.
 */
export function importArm(json: unknown): ImportResult {
  const sink = createSink();
  guarded(sink, () => importValue(toPlainJson(json), frame(undefined), sink));
  return sink.result;
}

type Importer = typeof importValue;

function readText(text: string, syntax: TextSyntax, importer: Importer): ImportResult {
  const sink = createSink();
  guarded(sink, () => {
    for (const parsed of parseText(text, syntax)) {
      if (parsed.ok) {
        importer(parsed.value, frame(parsed.locate), sink);
      } else {
        const at = parsed.position;
        addFailure(sink, [parsed.issue], frame(at ? () => at : undefined));
      }
    }
  });
  return sink.result;
}

function syntaxOf(filename: string | undefined): TextSyntax {
  if (filename === undefined) return 'auto';
  if (/\.json$/i.test(filename)) return 'json';
  if (/\.ya?ml$/i.test(filename)) return 'yaml';
  return 'auto';
}

/**
 * Import is total: a failure that slipped past the readers (a parser limit, a bug) becomes an issue on
 * the next document instead of an exception in the CLI or the API.
 */
function guarded(sink: ImportSink, read: () => void): void {
  try {
    read();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    addFailure(
      sink,
      [issue('manifest.syntax', '', `The input cannot be read: ${reason}.`)],
      frame(undefined),
    );
  }
}
