import {
  MappingCompileError,
  TEST_CASES_ANNOTATION,
  checkExpectation,
  compileTransformation,
  describeResult,
  testCasesOf,
  type Message,
  type TestCase,
  type TracedCompiledTransformation,
  type TracedTransformResult,
  type TransformationSettings,
} from '@flowplane/mapping';
import type { Dataflow } from '@flowplane/model';
import { settingsOf } from './operations.ts';

/**
 * The preview's samples are the dataflow's test cases (`flowplane test -f dataflow.yaml` runs them): kept
 * in an annotation so they travel with it, with an expectation once the user accepts an output.
 */
export function samplesOf(doc: Dataflow): TestCase[] {
  const cases = testCasesOf(doc);
  return Array.isArray(cases) ? cases : [];
}

/** The annotations with the samples written (or removed when there are none). */
export function withSamples(doc: Dataflow, samples: readonly TestCase[]): Dataflow {
  const { [TEST_CASES_ANNOTATION]: _old, ...others } = doc.metadata.annotations ?? {};
  const annotations =
    samples.length === 0 ? others : { ...others, [TEST_CASES_ANNOTATION]: JSON.stringify(samples) };
  const { annotations: _previous, ...metadata } = doc.metadata;
  return {
    ...doc,
    metadata: Object.keys(annotations).length === 0 ? metadata : { ...metadata, annotations },
  };
}

export interface PreviewOutcome {
  input: Message;
  result: TracedTransformResult;
  /** The result as `flowplane test` compares it: `{emit: {payload, topic}}`, `{drop}` or `{error}`. */
  described: Record<string, unknown>;
  /** Undefined without an expectation; else whether the result meets it, and why not. */
  check: { pass: boolean; problem?: string } | undefined;
}

export type Preview =
  { kind: 'none' } | { kind: 'invalid'; messages: string[] } | { kind: 'ready'; outcomes: PreviewOutcome[] };

/**
 * Runs the samples through the dataflow's transformation with the engine the runtime uses, traced per
 * stage. Without a transformation a message passes unchanged.
 */
export function runPreview(
  doc: Dataflow,
  samples: readonly TestCase[],
  datasets: Readonly<Record<string, readonly unknown[]>> = {},
): Preview {
  if (samples.length === 0) return { kind: 'none' };
  const settings = settingsOf(doc, 'BuiltInTransformation') as TransformationSettings | undefined;
  const destination = settingsOf(doc, 'Destination')?.dataDestination;
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
      const input: Message = {
        payload: sample.input,
        ...(sample.metadata ? { metadata: sample.metadata } : {}),
      };
      // Each case runs as if first: last-known values must not leak between samples.
      run.resetLastValues();
      const result = run(input);
      const described = describeResult(
        result,
        input,
        typeof destination === 'string' ? destination : undefined,
      );
      const problem = sample.expect === undefined ? undefined : checkExpectation(sample.expect, described);
      return {
        input,
        result,
        described,
        check:
          sample.expect === undefined
            ? undefined
            : problem === undefined
              ? { pass: true }
              : { pass: false, problem },
      };
    }),
  };
}

/** The expectation that accepts this outcome as it is (what "Expect this" saves). */
export function expectationOf(outcome: PreviewOutcome): unknown {
  const described = outcome.described;
  if ('emit' in described) {
    const emit = described.emit as { payload: unknown; topic?: string };
    return { emit: emit.payload, ...(emit.topic === undefined ? {} : { topic: emit.topic }) };
  }
  if ('drop' in described) return { drop: (described.drop as { rule: number }).rule };
  return 'error';
}
