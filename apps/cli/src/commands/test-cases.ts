import { dirname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import {
  MappingCompileError,
  checkExpectation,
  compileIssuesToIssues,
  compileTransformation,
  describeResult,
  parseTestCases,
  testCasesOf,
  type Message,
  type TestCase,
} from '@flowplane/mapping';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadFiles } from '../input.ts';
import { formatIssues } from '../format.ts';
import { pickTransformation } from '../transformation-source.ts';
import { isObject, parseDatasets } from '../messages.ts';

export const testHelp = `Usage: flowplane test -f CASES.yaml|DATAFLOW.yaml [-f ...]

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

A dataflow file saved from the portal's builder works too: its test cases (the preview's samples with an
expectation) are kept in the annotation flowplane.dev/test-cases.

Prints PASS or FAIL per case with a diff; exits 0 when all pass, 1 when any fails, 2 on unreadable
input or a transformation that does not compile.
`;

interface CaseFile {
  dataflow: string;
  name?: string;
  datasets?: unknown;
  cases: TestCase[];
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
    const parsed = parseCaseFile(parseYaml(await io.readFile(file)), file);
    if (typeof parsed === 'string') return fail(parsed);
    cases = parsed;
  } catch (error) {
    return fail((error as Error).message);
  }
  const dataflowFile =
    cases.dataflow === file || isAbsolute(cases.dataflow)
      ? cases.dataflow
      : join(dirname(file), cases.dataflow);
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
    const problem = checkExpectation(testCase.expect, actual);
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

function parseCaseFile(value: unknown, file: string): CaseFile | string {
  if (isObject(value) && value.kind === 'Dataflow') {
    // A dataflow saved from the portal's builder: its test cases travel in an annotation.
    const cases = testCasesOf(value);
    if (cases === undefined)
      return 'this dataflow has no saved test cases (annotation flowplane.dev/test-cases)';
    if (typeof cases === 'string') return cases;
    const name =
      isObject(value.metadata) && typeof value.metadata.name === 'string' ? value.metadata.name : undefined;
    return { dataflow: file, cases: cases.filter((c) => c.expect !== undefined), ...(name ? { name } : {}) };
  }
  if (!isObject(value)) return 'a cases file is a YAML mapping with dataflow and cases';
  if (typeof value.dataflow !== 'string') return '"dataflow" (the file holding the dataflow) is required';
  const cases = parseTestCases(value.cases);
  if (typeof cases === 'string') return cases;
  return {
    dataflow: value.dataflow,
    cases,
    ...(typeof value.name === 'string' ? { name: value.name } : {}),
    ...(value.datasets !== undefined ? { datasets: value.datasets } : {}),
  };
}
