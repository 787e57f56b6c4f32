import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadFiles } from '../input.ts';
import { formatIssues, type ReportedIssue } from '../format.ts';
import { SERVER_OPTIONS, apiTarget, callApi, reportingFailures, serverHelp } from '../api-client.ts';

export const applyHelp = `Usage: flowplane apply -f FILE [-f FILE ...] [--dry-run] [--server URL] [--instance NAME]

Creates or updates the resources in the files on a Flowplane server, all in one transaction: if any
resource breaks a rule, nothing is written. Files hold what "flowplane validate" reads (Kubernetes YAML,
JSON, ARM JSON); - reads standard input.

Options:
  -f, --file FILE         input file, repeatable; - for stdin
      --dry-run           show what would change (create, update, unchanged) and every issue; write nothing
${serverHelp}
  -h, --help              show this help

Exit status: 0 applied (or the dry run found no errors), 1 refused or invalid, 2 unreadable input or
server unreachable.
`;

interface PlanEntry {
  kind: string;
  name: string;
  action: 'create' | 'update' | 'unchanged';
}

interface ImportResult {
  dryRun: boolean;
  valid: boolean;
  plan: PlanEntry[];
  issues: ReportedIssue[];
}

const PAST = { create: 'created', update: 'updated', unchanged: 'unchanged' } as const;
const FUTURE = { create: 'would be created', update: 'would be updated', unchanged: 'unchanged' } as const;

export async function applyCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: 'string', short: 'f', multiple: true },
      'dry-run': { type: 'boolean', default: false },
      ...SERVER_OPTIONS,
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(applyHelp);
    return EXIT.ok;
  }
  const files = values.file ?? [];
  if (files.length === 0) throw new UsageError('apply needs at least one -f FILE (or -f - for stdin).');
  const target = apiTarget(values, io);

  // Read locally, so the files form one request (one transaction) and syntax errors name their file.
  const loaded = await loadFiles(files, io);
  const unreadable = [
    ...loaded.unreadable.map((u) => `Cannot read ${u.file}: ${u.reason}.`),
    ...loaded.issues.filter((i) => i.code === 'manifest.syntax').map((i) => `${i.file}: ${i.message}`),
  ];
  if (unreadable.length > 0) {
    io.stderr(unreadable.map((u) => `flowplane apply: ${u}\n`).join(''));
    return EXIT.unreadable;
  }
  if (loaded.documents.length === 0) {
    io.stderr('flowplane apply: the files hold no resources.\n');
    return EXIT.unreadable;
  }
  const body = JSON.stringify(loaded.documents.map((d) => d.resource));

  return reportingFailures(io, 'apply', async () => {
    const response = await callApi(target, 'POST', '/import', {
      body,
      contentType: 'application/json',
      query: { dryRun: values['dry-run'] ? 'true' : undefined },
    });
    const result = JSON.parse(response.text) as ImportResult;
    const words = result.dryRun ? FUTURE : PAST;
    for (const entry of result.plan) io.stdout(`${entry.kind}/${entry.name} ${words[entry.action]}\n`);
    const issues = result.issues.map((i) => {
      const source = i.document !== undefined ? loaded.documents[i.document] : undefined;
      return source ? { ...i, file: source.file, document: source.index } : i;
    });
    io.stdout(formatIssues(issues, io.env));
    return result.valid ? EXIT.ok : EXIT.invalid;
  });
}
