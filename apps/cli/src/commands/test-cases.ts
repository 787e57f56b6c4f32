import { dirname, isAbsolute, join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import {
  MappingCompileError,
  compileIssuesToIssues,
  compileTransformation,
  type Message,
  type MessageMetadata,
} from '@flowplane/mapping';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadFiles } from '../input.ts';
import { formatIssues } from '../format.ts';
import { pickTransformation } from '../transformation-source.ts';
import { isObject, parseDatasets } from '../messages.ts';
import { describe as describeResult } from './transform.ts';
import { jsonDiff } from '../diff.ts';

export const testHelp = `Usage: flowplane test -f CASES.yaml [-f CASES.yaml ...]

Runs saved transformation tests, so that a dataflow's transformation is checked in CI like code.
A cases file:

  dataflow: flows/thermostat.yaml     # file with the dataflow, relative to this file
  name: thermostat-to-cloud           # which dataflow, when the file holds several (optional)
  datasets: {assetDataset: [{asset: thermostat1, location: room1}]}   # state store (optional)
  cases:
    - name: hot readings are converted
      metadata: {topic: thermostats/1/telemetry}          # optional
      input: {temperature: {Value: 30}}
      expect:
        emit: {temperatureF: 86}                          # the output payload
        topic: processed/1                                # optional: the destination topic
    - name: cold readings are dropped
      input: {temperature: {Value: 2}}
      expect: drop                                        # or {drop: <rule index>}
    - name: text is an error
      input: {temperature: {Value: "hot"}}
      expect: error                                       # or {error: {stage: map, rule: 1}}

Prints PASS or FAIL per case with a diff; exits 0 when all pass, 1 when any fails, 2 on unreadable
input or a transformation that does not compile.
`;

interface CaseFile {
  dataflow: string;
  name?: string;
  datasets?: unknown;
  cases: Case[];
}

interface Case {
  name: string;
  input: unknown;
  metadata?: MessageMetadata;
  expect: unknown;
}

export async function testCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: 'string', short: 'f', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(testHelp);
    return EXIT.ok;
  }
  const files = values.file ?? [];
  if (files.length === 0) throw new UsageError('test needs a cases file: -f CASES.yaml.');
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const outcome = await runFile(file, io);
    if (outcome === 'unreadable') return EXIT.unreadable;
    passed += outcome.passed;
    failed += outcome.failed;
  }
  io.stdout(`\n${passed} passed, ${failed} failed\n`);
  return failed > 0 ? EXIT.invalid : EXIT.ok;
}

async function runFile(file: string, io: CliIo): Promise<{ passed: number; failed: number } | 'unreadable'> {
  const fail = (message: string) => {
    io.stderr(`flowplane test: ${file}: ${message}\n`);
    return 'unreadable' as const;
  };
  let cases: CaseFile;
  try {
    const parsed = parseCaseFile(parseYaml(await io.readFile(file)));
    if (typeof parsed === 'string') return fail(parsed);
    cases = parsed;
  } catch (error) {
    return fail((error as Error).message);
  }
  const dataflowFile = isAbsolute(cases.dataflow) ? cases.dataflow : join(dirname(file), cases.dataflow);
  const loaded = await loadFiles([dataflowFile], io);
  if (loaded.unreadable.length > 0)
    return fail(`cannot read ${cases.dataflow}: ${loaded.unreadable[0]!.reason}`);
  const picked = pickTransformation(loaded.documents, cases.name);
  if (!picked.ok) return fail(picked.message);
  let datasets: Record<string, readonly unknown[]> = {};
  try {
    if (cases.datasets !== undefined) datasets = parseDatasets(JSON.stringify(cases.datasets));
  } catch (error) {
    return fail(`datasets: ${(error as Error).message}`);
  }
  let run;
  try {
    run = compileTransformation(picked.source.settings, { datasets });
  } catch (error) {
    if (!(error instanceof MappingCompileError)) throw error;
    io.stderr(formatIssues(compileIssuesToIssues(error.issues, picked.source.settingsPath), io.env));
    return 'unreadable';
  }

  io.stdout(`${file} (${picked.source.dataflow})\n`);
  let passed = 0;
  let failed = 0;
  for (const testCase of cases.cases) {
    const message: Message = testCase.metadata
      ? { payload: testCase.input, metadata: testCase.metadata }
      : { payload: testCase.input };
    run.resetLastValues();
    const actual = describeResult(run(message), message, picked.source.dataDestination);
    const problem = compare(testCase.expect, actual);
    if (problem === undefined) {
      passed++;
      io.stdout(`  PASS ${testCase.name}\n`);
    } else {
      failed++;
      io.stdout(`  FAIL ${testCase.name}\n${problem.replace(/^/gm, '       ')}\n`);
    }
  }
  return { passed, failed };
}

function parseCaseFile(value: unknown): CaseFile | string {
  if (!isObject(value)) return 'a cases file is a YAML mapping with dataflow and cases';
  if (typeof value.dataflow !== 'string') return '"dataflow" (the file holding the dataflow) is required';
  if (!Array.isArray(value.cases)) return '"cases" must be a list';
  const cases: Case[] = [];
  for (const [i, entry] of value.cases.entries()) {
    if (!isObject(entry) || !('input' in entry) || !('expect' in entry))
      return `case ${i + 1} needs input and expect`;
    cases.push({
      name: typeof entry.name === 'string' ? entry.name : `case ${i + 1}`,
      input: entry.input,
      expect: entry.expect,
      ...(isObject(entry.metadata) ? { metadata: entry.metadata as MessageMetadata } : {}),
    });
  }
  return {
    dataflow: value.dataflow,
    cases,
    ...(typeof value.name === 'string' ? { name: value.name } : {}),
    ...(value.datasets !== undefined ? { datasets: value.datasets } : {}),
  };
}

/** Undefined when the result matches the expectation, else a readable explanation with a diff. */
function compare(expected: unknown, actual: Record<string, unknown>): string | undefined {
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
    if (!isDeepStrictEqual(expected.emit, got.payload))
      problems.push(`payload differs:\n${jsonDiff(expected.emit, got.payload)}`);
    if (expected.topic !== undefined && expected.topic !== got.topic) {
      problems.push(`topic: expected ${JSON.stringify(expected.topic)}, got ${JSON.stringify(got.topic)}`);
    }
    if (expected.metadata !== undefined && !isDeepStrictEqual(expected.metadata, got.metadata)) {
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
  const mismatched = Object.entries(wantedError).filter(([k, v]) => !isDeepStrictEqual(got[k], v));
  return mismatched.length ? `error differs:\n${jsonDiff(wantedError, got)}` : undefined;
}
