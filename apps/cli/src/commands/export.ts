import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { SERVER_OPTIONS, apiTarget, callApi, reportingFailures, serverHelp } from '../api-client.ts';

export const exportHelp = `Usage: flowplane export [--format kubernetes|arm|bicep] [--api-version V] [--names A,B] [--server URL] [--instance NAME]

Writes the resources stored in an instance to standard output as Kubernetes YAML (default), an ARM
deployment template or Bicep. Drafts are never exported.

Options:
      --format FORMAT     kubernetes (default), arm or bicep
      --api-version V     ARM API version for arm and bicep (default: the newest stable)
      --names A,B         only these resources (by name)
${serverHelp}
  -h, --help              show this help
`;

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string', default: 'kubernetes' },
      'api-version': { type: 'string' },
      names: { type: 'string' },
      ...SERVER_OPTIONS,
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(exportHelp);
    return EXIT.ok;
  }
  if (!['kubernetes', 'arm', 'bicep'].includes(values.format)) {
    throw new UsageError('--format is kubernetes, arm or bicep.');
  }
  const target = apiTarget(values, io);
  return reportingFailures(io, 'export', async () => {
    const response = await callApi(target, 'GET', '/export', {
      query: { format: values.format, apiVersion: values['api-version'], names: values.names },
    });
    io.stdout(response.text);
    return EXIT.ok;
  });
}
