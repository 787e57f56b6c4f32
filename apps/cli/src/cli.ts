import { applyCommand, applyHelp } from './commands/apply.ts';
import { convertCommand, convertHelp } from './commands/convert.ts';
import { deleteCommand, deleteHelp } from './commands/delete.ts';
import { exportCommand, exportHelp } from './commands/export.ts';
import { getCommand, getHelp } from './commands/get.ts';
import { runtimeCommand, runtimeHelp } from './commands/runtime.ts';
import { testCommand, testHelp } from './commands/test-cases.ts';
import { transformCommand, transformHelp } from './commands/transform.ts';
import { validateCommand, validateHelp } from './commands/validate.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string; help: string }> = {
  validate: {
    run: validateCommand,
    summary: 'check resources against every platform rule',
    help: validateHelp,
  },
  convert: {
    run: convertCommand,
    summary: 'convert between Kubernetes YAML, ARM JSON and Bicep',
    help: convertHelp,
  },
  transform: {
    run: transformCommand,
    summary: "run a dataflow's transformation on messages (JSON lines in, results out)",
    help: transformHelp,
  },
  test: { run: testCommand, summary: 'run saved transformation test cases', help: testHelp },
  runtime: {
    run: runtimeCommand,
    summary: 'run dataflows on this machine (runtime run -f FILE), reloading on change',
    help: runtimeHelp,
  },
  apply: {
    run: applyCommand,
    summary: 'create or update resources on a Flowplane server (one transaction)',
    help: applyHelp,
  },
  get: { run: getCommand, summary: 'list or show resources stored on a Flowplane server', help: getHelp },
  delete: { run: deleteCommand, summary: 'delete a resource on a Flowplane server', help: deleteHelp },
  export: {
    run: exportCommand,
    summary: 'export an instance as Kubernetes YAML, ARM or Bicep',
    help: exportHelp,
  },
};

export const mainHelp = `Usage: flowplane <command> [options]

Design, validate and convert Azure IoT Operations dataflow resources (endpoints, profiles, dataflows).

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "flowplane <command> --help" for the options of a command.
`;

/** Runs one CLI invocation and returns its exit status; never throws. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? args[0] : undefined;
    io.stdout(topic && COMMANDS[topic] ? COMMANDS[topic].help : mainHelp);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`flowplane: unknown command "${name}"\n\n${mainHelp}`);
    return EXIT.unreadable;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    // parseArgs reports bad options with ERR_PARSE_ARGS_* codes; treat them like our own usage errors.
    const code = (error as { code?: unknown } | null)?.code;
    if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`flowplane ${name}: ${(error as Error).message}\n\n${command.help}`);
      return EXIT.unreadable;
    }
    io.stderr(
      `flowplane ${name}: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.unreadable;
  }
}
