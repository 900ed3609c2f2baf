// `nimbus <command>`: start the server, or talk to a running one.
import { parseArgs } from 'node:util';
import { NimbusError } from '../kernel/errors';
import { AwsError } from '../kernel/aws-error';
import { CliError } from './endpoint';
import { functionsCommand, invokeCommand, logsCommand } from './commands';
import { deployCommand, devCommand } from './deploy';
import { mailCommand } from './mail';
import { scanCommand, tablesCommand } from './tables';
import { startCommand } from './start';

const USAGE = `Usage: nimbus <command> [options]

Commands:
  start                 run the server (AWS endpoint + HTTP gateway)
      --port N            AWS endpoint port (default 4566, 0 = any free port)
      --http-port N       HTTP gateway port (default 3000, 0 = any free port)
      --data-dir DIR      where Nimbus keeps its state (default .nimbus)
      --example           deploy the example function "hello" (examples/hello)
      --idle-timeout S    stop idle environments after S seconds (default 300)
      --concurrency-limit N  the account's concurrent executions (default 1000)
      --cpu-slots N       short invocations running at once (default 2 per core; 0 = no
                          limit, every concurrent request gets its own environment at once)
      --memory-budget MiB private memory of all environments together; least recently
                          used idle ones stop first (default half the machine's memory)
      --database-url URL  keep metadata in PostgreSQL instead of SQLite
  deploy [dir]          deploy a serverless.yml or SAM template.yaml project
      --stage S           serverless stage (default dev)
      --stack-name N      SAM stack name (default: the directory's name)
  dev [dir]             start, deploy the project, print its endpoints, and
                        redeploy on every file change (start's flags apply)
  invoke <function>     run a function and print its result
      --payload JSON|@file  the event (default {})
      --qualifier Q         version or alias
      --log                 also print the invocation's log tail (stderr)
      --async               invoke asynchronously (InvocationType Event)
  functions             list the functions
  logs <function>       print a function's recent log lines
      --follow              keep printing new lines
      --limit N             how many recent lines (default 100)
  tables                list the DynamoDB tables (keys, status, items, stream)
  scan <table>          print a table's items as JSON, one per line
      --limit N             at most N items
  mail [id]             list the mail SES accepted (stored, never sent), or print one
      --limit N             how many recent messages (default 20)
      --follow              keep printing new messages
      --raw                 with an id: print the whole MIME message

Client commands find the server by --endpoint URL, else NIMBUS_ENDPOINT, else the
server.json in --data-dir.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start': {
        const { values } = parse(rest, { ...serverFlags, example: 'b', 'database-url': 's', 'account-id': 's', region: 's' });
        return await startCommand({
          ...serverOptions(values), example: Boolean(values.example),
          databaseUrl: (values['database-url'] as string | undefined) ?? process.env.NIMBUS_DATABASE_URL,
          accountId: values['account-id'] as string | undefined, region: values.region as string | undefined,
        });
      }
      case 'deploy': {
        const { values, positionals } = parse(rest, { stage: 's', 'stack-name': 's', ...client });
        return await deployCommand(positionals[0] ?? '.', { ...common(values), stage: values.stage as string | undefined,
          stackName: values['stack-name'] as string | undefined }, process.stdout);
      }
      case 'dev': {
        const { values, positionals } = parse(rest, { ...serverFlags, stage: 's', 'stack-name': 's' });
        return await devCommand(positionals[0] ?? '.', { ...serverOptions(values), stage: values.stage as string | undefined,
          stackName: values['stack-name'] as string | undefined }, process.stdout);
      }
      case 'invoke': {
        const { values, positionals } = parse(rest, { payload: 's', qualifier: 's', log: 'b', async: 'b', ...client });
        return await invokeCommand(one(positionals, 'invoke <function>'), { ...common(values), payload: values.payload as string,
          qualifier: values.qualifier as string, log: Boolean(values.log), async: Boolean(values.async) }, process.stdout, process.stderr);
      }
      case 'functions': {
        const { values } = parse(rest, client);
        return await functionsCommand(common(values), process.stdout);
      }
      case 'logs': {
        const { values, positionals } = parse(rest, { follow: 'b', limit: 's', ...client });
        return await logsCommand(one(positionals, 'logs <function>'), { ...common(values), follow: Boolean(values.follow),
          limit: int(values.limit, '--limit', 100) }, process.stdout);
      }
      case 'tables': {
        const { values } = parse(rest, client);
        return await tablesCommand(common(values), process.stdout);
      }
      case 'scan': {
        const { values, positionals } = parse(rest, { limit: 's', ...client });
        return await scanCommand(one(positionals, 'scan <table>'), { ...common(values),
          limit: values.limit === undefined ? undefined : int(values.limit, '--limit', 0) }, process.stdout);
      }
      case 'mail': {
        const { values, positionals } = parse(rest, { follow: 'b', limit: 's', raw: 'b', ...client });
        if (positionals.length > 1) throw new CliError('Usage: nimbus mail [id]');
        return await mailCommand(positionals[0], { ...common(values), follow: Boolean(values.follow), raw: Boolean(values.raw),
          limit: int(values.limit, '--limit', 20) }, process.stdout);
      }
      case undefined: case 'help': case '--help': case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new CliError(`Unknown command "${command}". Run \`nimbus help\` for the list.`);
    }
  } catch (err) {
    if (err instanceof CliError || err instanceof NimbusError || err instanceof AwsError) {
      process.stderr.write(`nimbus: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

const client = { endpoint: 's', 'data-dir': 's' } as const;
type Spec = Record<string, 's' | 'b'>;

function parse(args: string[], spec: Spec) {
  const options = Object.fromEntries(Object.entries(spec).map(([k, t]) => [k, { type: t === 's' ? 'string' : 'boolean' } as const]));
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message}. Run \`nimbus help\` for the options.`);
  }
}

function common(values: Record<string, unknown>) {
  return { endpoint: values.endpoint as string | undefined, dataDir: values['data-dir'] as string | undefined };
}

function one(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new CliError(`Usage: nimbus ${usage}`);
  return positionals[0];
}

function int(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`${name} must be a whole number, not "${value}"`);
  return n;
}

/** The flags `start` and `dev` share: how the server runs. */
const serverFlags = { port: 's', 'http-port': 's', 'data-dir': 's', 'idle-timeout': 's', 'cpu-slots': 's',
  'concurrency-limit': 's', 'memory-budget': 's' } as const;

function serverOptions(values: Record<string, unknown>) {
  const optional = (flag: string) => (values[flag] === undefined ? undefined : int(values[flag], `--${flag}`, 0));
  return {
    port: int(values.port, '--port', 4566), httpPort: int(values['http-port'], '--http-port', 3000),
    dataDir: values['data-dir'] as string | undefined,
    idleTimeoutMs: int(values['idle-timeout'], '--idle-timeout', 300) * 1000,
    cpuSlots: optional('cpu-slots'), // undefined: the server's default (2 per core)
    concurrencyLimit: int(values['concurrency-limit'], '--concurrency-limit', 1000),
    memoryBudgetMb: optional('memory-budget'),
  };
}
