import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { SERVER_OPTIONS, apiTarget, callApi, kindOf, reportingFailures, serverHelp } from '../api-client.ts';

export const deleteHelp = `Usage: flowplane delete KIND NAME [--server URL] [--instance NAME]

Deletes one endpoint, profile, dataflow or graph. An endpoint or profile that dataflows still use is not
deleted; the dataflows that use it are listed.

Options:
${serverHelp}
  -h, --help              show this help

Exit status: 0 deleted, 1 refused or not found, 2 server unreachable.
`;

export async function deleteCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...SERVER_OPTIONS, help: { type: 'boolean', short: 'h', default: false } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(deleteHelp);
    return EXIT.ok;
  }
  if (positionals.length !== 2) throw new UsageError('delete takes KIND and NAME.');
  const { segment, kind } = kindOf(positionals[0]);
  const name = positionals[1]!;
  const target = apiTarget(values, io);
  return reportingFailures(io, 'delete', async () => {
    await callApi(target, 'DELETE', `/${segment}/${encodeURIComponent(name)}`);
    io.stdout(`${kind}/${name} deleted\n`);
    return EXIT.ok;
  });
}
