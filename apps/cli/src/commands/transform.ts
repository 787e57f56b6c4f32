import { parseArgs } from 'node:util';
import {
  MappingCompileError,
  compileIssuesToIssues,
  compileTransformation,
  describeResult,
  type Message,
  type TransformResult,
} from '@flowplane/mapping';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadFiles, unreadableIssues } from '../input.ts';
import { formatIssues } from '../format.ts';
import { pickTransformation } from '../transformation-source.ts';
import { parseDatasets, parseMessageLine, parseMetadata } from '../messages.ts';

export const transformHelp = `Usage: flowplane transform -f DATAFLOW.yaml [--input FILE|-] [options]

Runs the built-in transformation of a dataflow (datasets, then filter, then map) on messages, exactly as
the local runtime and the builder's preview do. Reads one JSON payload per line and prints one result
per line:
  {"emit": {"payload": ..., "metadata": ..., "topic": ...}}   the message goes on (topic: the resolved
                                                              destination, e.g. for \${inputTopic.2})
  {"drop": {"rule": N}}                                       filter rule N dropped it
  {"error": {"stage": ..., "rule": N, "path": ..., "reason": ...}}   it cannot be transformed

Options:
  -f, --file FILE        file(s) holding the dataflow (YAML or ARM JSON), repeatable
      --dataflow NAME    which dataflow, when the files hold several
  -i, --input FILE       messages, one JSON document per line (default: standard input)
      --metadata JSON    metadata of every message, e.g. '{"topic": "factory/1/data",
                         "userProperties": {"site": "a"}}'
      --envelope         each input line is {"payload": ..., "metadata": {...}} instead
      --datasets FILE    state-store contents for enrichment: {key: [records]} or {key: "<NDJSON>"}
      --trace            add what each stage did to every result
  -h, --help             show this help

Exit status: 0 every line was processed (even if dropped or failed), 1 the transformation does not
compile, 2 unreadable input.
`;

export async function transformCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: 'string', short: 'f', multiple: true },
      dataflow: { type: 'string' },
      input: { type: 'string', short: 'i' },
      metadata: { type: 'string' },
      envelope: { type: 'boolean', default: false },
      datasets: { type: 'string' },
      trace: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(transformHelp);
    return EXIT.ok;
  }
  const files = values.file ?? [];
  if (files.length === 0) throw new UsageError('transform needs the dataflow: -f DATAFLOW.yaml.');
  if (files.includes('-') && (values.input ?? '-') === '-') {
    throw new UsageError('standard input cannot hold both the dataflow and the messages; use --input FILE.');
  }
  let metadata;
  try {
    metadata = parseMetadata(values.metadata);
  } catch (error) {
    throw new UsageError(`--metadata: ${(error as Error).message}`);
  }

  const loaded = await loadFiles(files, io);
  if (loaded.unreadable.length > 0 || loaded.issues.some((i) => i.severity === 'error')) {
    io.stderr(
      formatIssues(
        [...unreadableIssues(loaded), ...loaded.issues.filter((i) => i.severity === 'error')],
        io.env,
      ),
    );
    return EXIT.unreadable;
  }
  const picked = pickTransformation(loaded.documents, values.dataflow);
  if (!picked.ok) {
    io.stderr(`flowplane transform: ${picked.message}\n`);
    return EXIT.unreadable;
  }
  const { source } = picked;

  let datasets: Record<string, readonly unknown[]> = {};
  if (values.datasets !== undefined) {
    try {
      datasets = parseDatasets(await io.readFile(values.datasets));
    } catch (error) {
      io.stderr(
        `flowplane transform: cannot read --datasets ${values.datasets}: ${(error as Error).message}\n`,
      );
      return EXIT.unreadable;
    }
  }

  let run: (message: Message) => TransformResult & { trace?: unknown };
  try {
    run = values.trace
      ? compileTransformation(source.settings, { datasets, trace: true })
      : compileTransformation(source.settings, { datasets });
  } catch (error) {
    if (!(error instanceof MappingCompileError)) throw error;
    const issues = compileIssuesToIssues(error.issues, source.settingsPath).map((i) => ({
      ...i,
      resource: { kind: 'Dataflow', name: source.dataflow },
    }));
    io.stderr(formatIssues(issues, io.env));
    return EXIT.invalid;
  }

  let input: string;
  try {
    input =
      values.input === undefined || values.input === '-'
        ? await io.readStdin()
        : await io.readFile(values.input);
  } catch (error) {
    io.stderr(
      `flowplane transform: cannot read ${values.input ?? 'standard input'}: ${(error as Error).message}\n`,
    );
    return EXIT.unreadable;
  }

  input.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseMessageLine(line, metadata, values.envelope);
    if (!parsed.ok) {
      io.stdout(JSON.stringify({ error: { stage: 'input', line: index + 1, reason: parsed.reason } }) + '\n');
      return;
    }
    io.stdout(
      JSON.stringify(describeResult(run(parsed.message), parsed.message, source.dataDestination)) + '\n',
    );
  });
  return EXIT.ok;
}

/** The result line printed for one message. */
