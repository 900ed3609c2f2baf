// Entry point of the built-in Node.js runtime: the process an execution environment runs,
// `node [--max-old-space-size=N] dist/runtimes/node/bootstrap.js`, in a clean Lambda
// environment. Init = patch console, install the process-level error reporting, load the
// handler (module code and ESM top-level await run here); the first GET /next ends Init.
// This folder imports only node: builtins, its own files and the channel's framing
// (runtime-api/frames.ts), and defers what the first
// invoke does not need, because its start-up time is every cold start's floor.
import { beforeExit } from './callback';
import { loadHandler } from './handler-loader';
import { getCurrentRequestId, logError, patchConsole } from './log-patch';
import { PipeRuntimeClient } from './pipe-client';
import type { RuntimeClient } from './runtime-client';
import { startLoop } from './runtime-loop';

// Exit statuses of AWS's runtime after reporting an uncaught error.
const EXIT_UNCAUGHT_EXCEPTION = 129;
const EXIT_UNHANDLED_REJECTION = 128;

function main(): void {
  const fd = process.env._NIMBUS_RUNTIME_FD;
  if (fd && process.env._NIMBUS_STEM_CELL) {
    // A stem cell: Node and this runtime are loaded ahead of demand; the platform then
    // sends the function's environment, and Init (the handler's module) starts from here.
    const client = new PipeRuntimeClient(Number(fd));
    const ready = (require('./warm-up') as typeof import('./warm-up')).warmUp().catch(() => { /* a cell that could not warm up still works */ });
    void ready.then(() => client.awaitSpecialise((env) => {
      for (const k of Object.keys(process.env)) delete process.env[k];
      Object.assign(process.env, env);
      delete process.env._NIMBUS_RUNTIME_FD;
      // NODE_PATH (the runtime's SDK, the task root) is read at start-up: read it again.
      (require('node:module') as { _initPaths(): void })._initPaths();
      run(client);
    }));
    return;
  }
  run(runtimeClient());
}

function run(client: RuntimeClient): void {
  patchConsole();

  // An error nobody caught ends the environment: it is reported against the invocation in
  // flight (or as an Init error before the first one), then the process exits, and the
  // platform starts a fresh environment for the next invoke.
  let exiting = false;
  const fatal = (title: string, error: unknown, status: number): void => {
    logError(title, error);
    if (exiting) return;
    exiting = true;
    const { toRapidError } = require('./errors') as typeof import('./errors');
    client.postFatal(getCurrentRequestId(), toRapidError(error), () => process.exit(status));
  };
  process.on('uncaughtException', (error) => fatal('Uncaught Exception', error, EXIT_UNCAUGHT_EXCEPTION));
  process.on('unhandledRejection', (reason, promise) =>
    fatal('Unhandled Promise Rejection',
      new (require('./errors') as typeof import('./errors')).UnhandledPromiseRejection(reason, promise),
      EXIT_UNHANDLED_REJECTION));
  process.on('beforeExit', beforeExit.run);

  // On Lambda the process starts in the task root; relative paths in user code rely on it.
  const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  try {
    if (taskRoot !== process.cwd()) process.chdir(taskRoot);
  } catch {
    // A missing task root surfaces below, as the handler's Runtime.ImportModuleError.
  }

  const endpoint = process.env.AWS_ENDPOINT_URL;
  if (endpoint) (require('./sdk-v2-redirect') as typeof import('./sdk-v2-redirect')).redirectSdkV2(endpoint);

  loadHandler(taskRoot, process.env._HANDLER ?? '').then(
    (handler) => startLoop(client, handler),
    (error: unknown) => fatal('Uncaught Exception', error, EXIT_UNCAUGHT_EXCEPTION),
  );
}

/** The private channel when Nimbus gave one (fd 3), else the Runtime API over HTTP, as any runtime. */
function runtimeClient(): RuntimeClient {
  const fd = process.env._NIMBUS_RUNTIME_FD;
  delete process.env._NIMBUS_RUNTIME_FD;
  if (fd) return new PipeRuntimeClient(Number(fd));
  const api = process.env.AWS_LAMBDA_RUNTIME_API;
  if (!api) {
    process.stderr.write('Nimbus Node.js runtime: neither AWS_LAMBDA_RUNTIME_API nor a runtime channel is set\n');
    process.exit(1);
  }
  return new (require('./runtime-client') as typeof import('./runtime-client')).HttpRuntimeClient(api);
}

main();
