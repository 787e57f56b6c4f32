import { parseArgs } from 'node:util';
import { exportManifests, type ManifestFormat } from '@flowplane/manifests';
import { ARM_API_VERSIONS, DEFAULT_ARM_API_VERSION, validateSchema, type Resource } from '@flowplane/model';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadFiles, unreadableIssues } from '../input.ts';
import { formatIssues, type ReportedIssue } from '../format.ts';

const FORMATS: readonly ManifestFormat[] = ['kubernetes', 'arm', 'bicep'];

export const convertHelp = `Usage: flowplane convert -f FILE [-f FILE ...] --to kubernetes|arm|bicep [options]

Reads resources from Kubernetes YAML (v1 or v1beta1) or ARM JSON and prints them in another form:
  kubernetes  multi-document YAML of connectivity.iotoperations.azure.com/v1 custom resources
  arm         an ARM deployment template (parameters instanceName, customLocationName)
  bicep       a Bicep file with the same parameters

Options:
  -f, --file FILE        input file, repeatable; - for stdin
  -t, --to FORMAT        kubernetes, arm or bicep
      --api-version V    ARM/Bicep API version (default ${DEFAULT_ARM_API_VERSION}); one of:
                         ${ARM_API_VERSIONS.join(', ')}
  -n, --namespace NS     namespace written into Kubernetes metadata
      --minimal          leave out fields whose value is the platform default
  -h, --help             show this help

A resource the chosen API version cannot express (e.g. OpenTelemetry before 2025-07-01-preview)
is an error, never silently dropped. Exit status: 0 converted, 1 invalid resources, 2 unreadable input.
`;

export async function convertCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: 'string', short: 'f', multiple: true },
      to: { type: 'string', short: 't' },
      'api-version': { type: 'string' },
      namespace: { type: 'string', short: 'n' },
      minimal: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(convertHelp);
    return EXIT.ok;
  }
  const files = values.file ?? [];
  if (files.length === 0) throw new UsageError('convert needs at least one -f FILE (or -f - for stdin).');
  const format = FORMATS.find((f) => f === values.to);
  if (!format) throw new UsageError(`--to is one of ${FORMATS.join(', ')}.`);

  const loaded = await loadFiles(files, io);
  const problems: ReportedIssue[] = [
    ...unreadableIssues(loaded),
    ...loaded.issues.filter((i) => i.severity === 'error'),
  ];
  if (problems.length) {
    io.stderr(formatIssues(problems, io.env));
    return EXIT.unreadable;
  }
  const resources: Resource[] = [];
  for (const document of loaded.documents) {
    const issues = validateSchema(document.resource);
    if (issues.length)
      problems.push(...issues.map((i) => ({ ...i, file: document.file, document: document.index })));
    // validateSchema found nothing, so the document has the shape of a Resource.
    else resources.push(document.resource as Resource);
  }
  if (problems.length) {
    io.stderr(formatIssues(problems, io.env));
    return EXIT.invalid;
  }
  const result = exportManifests(resources, format, {
    ...(values['api-version'] !== undefined ? { apiVersion: values['api-version'] } : {}),
    ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
    minimal: values.minimal,
  });
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (result.issues.length) io.stderr(formatIssues(result.issues, io.env));
  if (errors.length) return EXIT.invalid;
  io.stdout(result.text.endsWith('\n') ? result.text : result.text + '\n');
  return EXIT.ok;
}
