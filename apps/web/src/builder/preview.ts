import {
  MappingCompileError,
  compileTransformation,
  type Message,
  type TracedCompiledTransformation,
  type TracedTransformResult,
  type TransformationSettings,
} from '@flowplane/mapping';
import { isRecord, type Dataflow } from '@flowplane/model';
import { settingsOf } from './operations.ts';

/**
 * Sample messages are kept with the dataflow, as an annotation, so they travel with it (export, import,
 * another browser) and serve as its test cases.
 */
export const SAMPLES_ANNOTATION = 'flowplane.dev/test-messages';

export interface Sample {
  topic: string;
  /** JSON text as the user typed it. */
  payload: string;
}

export function samplesOf(doc: Dataflow): Sample[] {
  const text = doc.metadata.annotations?.[SAMPLES_ANNOTATION];
  if (text === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(isRecord).map((s) => ({
      topic: typeof s.topic === 'string' ? s.topic : '',
      payload: typeof s.payload === 'string' ? s.payload : JSON.stringify(s.payload ?? {}, null, 2),
    }));
  } catch {
    return [];
  }
}

/** The annotations with the samples written (or removed when there are none). */
export function withSamples(doc: Dataflow, samples: readonly Sample[]): Dataflow {
  const { [SAMPLES_ANNOTATION]: _old, ...others } = doc.metadata.annotations ?? {};
  const annotations =
    samples.length === 0 ? others : { ...others, [SAMPLES_ANNOTATION]: JSON.stringify(samples) };
  const { annotations: _previous, ...metadata } = doc.metadata;
  return {
    ...doc,
    metadata: Object.keys(annotations).length === 0 ? metadata : { ...metadata, annotations },
  };
}

export type PreviewOutcome =
  { kind: 'unreadable'; reason: string } | { kind: 'result'; input: Message; result: TracedTransformResult };

export type Preview =
  { kind: 'none' } | { kind: 'invalid'; messages: string[] } | { kind: 'ready'; outcomes: PreviewOutcome[] };

/**
 * Runs the samples through the dataflow's transformation with the engine the runtime uses, traced per
 * stage. Without a transformation a message passes unchanged.
 */
export function runPreview(
  doc: Dataflow,
  samples: readonly Sample[],
  datasets: Readonly<Record<string, readonly unknown[]>> = {},
): Preview {
  if (samples.length === 0) return { kind: 'none' };
  const settings = settingsOf(doc, 'BuiltInTransformation') as TransformationSettings | undefined;
  let run: TracedCompiledTransformation;
  try {
    run = compileTransformation(settings, { trace: true, datasets, codegen: false });
  } catch (error) {
    if (error instanceof MappingCompileError) {
      return { kind: 'invalid', messages: error.issues.map((i) => `${i.pointer}: ${i.message}`) };
    }
    throw error;
  }
  return {
    kind: 'ready',
    outcomes: samples.map((sample) => {
      let payload: unknown;
      try {
        payload = JSON.parse(sample.payload);
      } catch (error) {
        return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
      }
      const input: Message = { payload, metadata: { topic: sample.topic } };
      return { kind: 'result', input, result: run(input) };
    }),
  };
}
