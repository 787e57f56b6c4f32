import { parseArgs } from 'node:util';
import { transformationIssues } from '@flowplane/mapping';
import { resourceKeyOf, validateInstance, type ResourceIssue } from '@flowplane/model';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadFiles, unreadableIssues } from '../input.ts';
import { formatIssues, summary, type ReportedIssue } from '../format.ts';

export const validateHelp = `Usage: flowplane validate -f FILE [-f FILE ...] [--output text|json] [--warnings-as-errors]

Validates every resource in the files as one Azure IoT Operations instance: the schema of each
resource, the rules of its type (settings, authentication, hosts), and the rules across resources
(references, the local broker on one side, storage schemas, profile limits).

Files hold multi-document Kubernetes YAML (v1, or the older v1beta1 which is translated), a JSON
resource or list, or ARM JSON (an example payload, a PUT body, or a deployment template). Use -
to read standard input.

Options:
  -f, --file FILE           input file, repeatable; - for stdin
  -o, --output FORMAT       text (default) or json: {"valid": bool, "issues": [...]}
      --warnings-as-errors  exit 1 when there are warnings too
  -h, --help                show this help

Exit status: 0 no errors, 1 errors found, 2 input unreadable (missing file, YAML/JSON syntax).
Validation codes: docs/validation-codes.md
`;

export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: 'string', short: 'f', multiple: true },
      output: { type: 'string', short: 'o', default: 'text' },
      'warnings-as-errors': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(validateHelp);
    return EXIT.ok;
  }
  const files = values.file ?? [];
  if (files.length === 0) throw new UsageError('validate needs at least one -f FILE (or -f - for stdin).');
  if (values.output !== 'text' && values.output !== 'json') throw new UsageError('--output is text or json.');

  const loaded = await loadFiles(files, io);
  const resources = loaded.documents.map((d) => d.resource);
  const compiled = resources.flatMap((resource, index): ResourceIssue[] =>
    transformationIssues(resource).map((found) => ({ ...found, resource: resourceKeyOf(resource), index })),
  );
  const validation = [...validateInstance(resources), ...compiled].sort((a, b) => a.index - b.index);
  const issues: ReportedIssue[] = [
    ...unreadableIssues(loaded),
    ...loaded.issues,
    ...validation.map(({ index, ...found }) => {
      const source = loaded.documents[index];
      return source ? { ...found, file: source.file, document: source.index } : found;
    }),
  ];
  const unreadable = loaded.unreadable.length > 0 || loaded.issues.some((i) => i.code === 'manifest.syntax');
  const hasErrors = issues.some((i) => i.severity === 'error');
  const hasWarnings = issues.some((i) => i.severity === 'warning');
  const valid = !hasErrors && !unreadable;

  if (values.output === 'json') {
    io.stdout(JSON.stringify({ valid, issues }, null, 2) + '\n');
  } else {
    io.stdout(formatIssues(issues, io.env));
    const count = resources.length;
    io.stdout(
      `${valid ? 'valid' : 'invalid'}: ${count} resource${count === 1 ? '' : 's'}, ${summary(issues)}\n`,
    );
  }
  if (unreadable) return EXIT.unreadable;
  if (hasErrors || (values['warnings-as-errors'] && hasWarnings)) return EXIT.invalid;
  return EXIT.ok;
}
