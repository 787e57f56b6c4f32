import { jsonDiff } from './json-diff.ts';
import { resolveDestinationTopic } from './topic.ts';
import type { Message, MessageMetadata, TransformResult } from './types.ts';

/**
 * Saved transformation tests: an input message and what should come out. The same shape in a cases file
 * (`flowplane test -f CASES.yaml`) and in a dataflow's annotation, where the portal's builder keeps them.
 */
export interface TestCase {
  name: string;
  input: unknown;
  metadata?: MessageMetadata;
  /** `drop`, `error`, `{drop: rule}`, `{error: {...}}` or `{emit: payload, topic?, metadata?}`; absent: not checked. */
  expect?: unknown;
}

/** The annotation of a Dataflow that holds its test cases as a JSON list. */
export const TEST_CASES_ANNOTATION = 'flowplane.dev/test-cases';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a list of cases; `requireExpect` for files, where a case without expectation is a mistake. */
export function parseTestCases(value: unknown, requireExpect = true): TestCase[] | string {
  if (!Array.isArray(value)) return '"cases" must be a list';
  const cases: TestCase[] = [];
  for (const [i, entry] of value.entries()) {
    if (!isObject(entry) || !('input' in entry) || (requireExpect && !('expect' in entry)))
      return `case ${i + 1} needs input${requireExpect ? ' and expect' : ''}`;
    cases.push({
      name: typeof entry.name === 'string' ? entry.name : `case ${i + 1}`,
      input: entry.input,
      ...('expect' in entry ? { expect: entry.expect } : {}),
      ...(isObject(entry.metadata) ? { metadata: entry.metadata as MessageMetadata } : {}),
    });
  }
  return cases;
}

/** The test cases kept in a dataflow's annotation; undefined when it has none. */
export function testCasesOf(dataflow: unknown): TestCase[] | string | undefined {
  const metadata = isObject(dataflow) ? dataflow.metadata : undefined;
  const annotations = isObject(metadata) ? metadata.annotations : undefined;
  const text = isObject(annotations) ? annotations[TEST_CASES_ANNOTATION] : undefined;
  if (typeof text !== 'string') return undefined;
  try {
    return parseTestCases(JSON.parse(text), false);
  } catch (error) {
    return `annotation ${TEST_CASES_ANNOTATION} is not JSON: ${(error as Error).message}`;
  }
}

/** A transformation result as a plain object: `{emit: {payload, metadata?, topic?}}`, `{drop}` or `{error}`. */
export function describeResult(
  result: TransformResult & { trace?: unknown },
  input: Message,
  dataDestination: string | undefined,
): Record<string, unknown> {
  const trace = result.trace === undefined ? {} : { trace: result.trace };
  const warnings = result.warnings?.length ? { warnings: result.warnings } : {};
  switch (result.kind) {
    case 'drop':
      return { drop: { rule: result.rule, ...warnings }, ...trace };
    case 'error': {
      const {
        kind: _,
        trace: _t,
        warnings: _w,
        ...error
      } = result as TransformResult & {
        kind: 'error';
        trace?: unknown;
      };
      return { error: { ...error, ...warnings }, ...trace };
    }
    case 'emit': {
      const emitted: Record<string, unknown> = { payload: result.message.payload };
      if (result.message.metadata && Object.keys(result.message.metadata).length)
        emitted.metadata = result.message.metadata;
      if (dataDestination !== undefined) {
        const topic = resolveDestinationTopic(dataDestination, input.metadata?.topic);
        if (!topic.ok) return { error: { stage: 'destination', reason: topic.reason }, ...trace };
        emitted.topic = topic.topic;
      }
      return { emit: { ...emitted, ...warnings }, ...trace };
    }
  }
}

/** Structural equality of JSON values (what a payload comparison needs; no Node built-ins in browsers). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]))
    );
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]))
  );
}

/** Undefined when the described result matches the expectation, else a readable explanation with a diff. */
export function checkExpectation(expected: unknown, actual: Record<string, unknown>): string | undefined {
  const outcome = Object.keys(actual)[0]!;
  const wanted =
    typeof expected === 'string'
      ? expected
      : isObject(expected)
        ? Object.keys(expected).find((k) => k !== 'topic' && k !== 'metadata')
        : undefined;
  if (wanted !== outcome)
    return `expected ${wanted ?? JSON.stringify(expected)}, got ${outcome}:\n${JSON.stringify(actual)}`;
  if (typeof expected === 'string' || !isObject(expected)) return undefined;
  const got = actual[outcome] as Record<string, unknown>;
  if (outcome === 'emit') {
    const problems: string[] = [];
    if (!jsonEqual(expected.emit, got.payload))
      problems.push(`payload differs:\n${jsonDiff(expected.emit, got.payload)}`);
    if (expected.topic !== undefined && expected.topic !== got.topic) {
      problems.push(`topic: expected ${JSON.stringify(expected.topic)}, got ${JSON.stringify(got.topic)}`);
    }
    if (expected.metadata !== undefined && !jsonEqual(expected.metadata, got.metadata)) {
      problems.push(`metadata differs:\n${jsonDiff(expected.metadata, got.metadata)}`);
    }
    return problems.length ? problems.join('\n') : undefined;
  }
  if (outcome === 'drop') {
    return expected.drop === null || expected.drop === undefined || expected.drop === got.rule
      ? undefined
      : `dropped by rule ${String(got.rule)}, expected rule ${JSON.stringify(expected.drop)}`;
  }
  const wantedError = expected.error;
  if (!isObject(wantedError)) return undefined;
  const mismatched = Object.entries(wantedError).filter(([k, v]) => !jsonEqual(got[k], v));
  return mismatched.length ? `error differs:\n${jsonDiff(wantedError, got)}` : undefined;
}
