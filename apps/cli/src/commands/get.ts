import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { SERVER_OPTIONS, apiTarget, callApi, kindOf, reportingFailures, serverHelp } from '../api-client.ts';

export const getHelp = `Usage: flowplane get KIND [NAME] [--output table|yaml|json] [--server URL] [--instance NAME]

Lists the endpoints, profiles, dataflows or graphs of an instance, or shows one resource (as YAML by
default). KIND is endpoints, profiles, dataflows or graphs (singular works too).

Options:
  -o, --output FORMAT     table (default for lists), yaml (default for one resource) or json
${serverHelp}
  -h, --help              show this help
`;

interface Item {
  metadata: { name: string };
  spec: Record<string, unknown>;
  status?: { usage?: { dataflows: number; graphs: number }; draft?: boolean; valid?: boolean };
}

function columns(segment: string, item: Item): Record<string, string> {
  const spec = item.spec;
  const usage = item.status?.usage;
  const used = usage ? String(usage.dataflows + usage.graphs) : '';
  switch (segment) {
    case 'endpoints': {
      const type = String(spec.endpointType ?? '');
      const settings = Object.values(spec).find(
        (v): v is { host?: unknown } => typeof v === 'object' && v !== null,
      );
      return { TYPE: type, HOST: typeof settings?.host === 'string' ? settings.host : '', 'USED BY': used };
    }
    case 'profiles':
      return { INSTANCES: String(spec.instanceCount ?? 1), 'USED BY': used };
    default: {
      const state = item.status?.draft ? 'draft' : item.status?.valid === false ? 'invalid' : 'ready';
      return { PROFILE: String(spec.profileRef ?? ''), STATE: state };
    }
  }
}

function table(rows: Record<string, string>[]): string {
  if (rows.length === 0) return '';
  const headers = Object.keys(rows[0]!);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => (r[h] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd() + '\n';
  return line(headers) + rows.map((r) => line(headers.map((h) => r[h] ?? ''))).join('');
}

export async function getCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      output: { type: 'string', short: 'o' },
      ...SERVER_OPTIONS,
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(getHelp);
    return EXIT.ok;
  }
  if (positionals.length === 0 || positionals.length > 2)
    throw new UsageError('get takes KIND and an optional NAME.');
  const { segment } = kindOf(positionals[0]);
  const name = positionals[1];
  const output = values.output ?? (name === undefined ? 'table' : 'yaml');
  if (!['table', 'yaml', 'json'].includes(output)) throw new UsageError('--output is table, yaml or json.');
  const target = apiTarget(values, io);

  return reportingFailures(io, 'get', async () => {
    if (name !== undefined) {
      const resource = JSON.parse(
        (await callApi(target, 'GET', `/${segment}/${encodeURIComponent(name)}`)).text,
      ) as Item;
      io.stdout(output === 'json' ? JSON.stringify(resource, null, 2) + '\n' : stringify(resource));
      return EXIT.ok;
    }
    const items: Item[] = [];
    let cursor: string | undefined;
    do {
      const page = JSON.parse(
        (await callApi(target, 'GET', `/${segment}`, { query: { limit: '500', cursor } })).text,
      ) as {
        items: Item[];
        nextCursor: string | null;
      };
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    if (output === 'json') io.stdout(JSON.stringify(items, null, 2) + '\n');
    else if (output === 'yaml') io.stdout(items.map((i) => stringify(i)).join('---\n'));
    else io.stdout(table(items.map((i) => ({ NAME: i.metadata.name, ...columns(segment, i) }))));
    return EXIT.ok;
  });
}
