// The environment variables Lambda gives a function process (aws-semantics B.1):
// the function's own variables, overridden by the reserved ones. Nothing of the
// server's own environment is passed on (no NODE_OPTIONS, no NODE_EXTRA_CA_CERTS).
// Layers are reached as Lambda's runtimes reach /opt, through the search paths: Lambda
// extracts them in order into /opt (later layers overwrite earlier files), so here later
// layers come first in every path.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FunctionVersion } from '../registry/model';

export interface EnvContext {
  config: FunctionVersion;
  region: string;
  /** How the runtime reaches the platform: the Runtime API's address, or the private channel's fd. */
  runtime: { api: string } | { fd: number };
  runtimeDir: string;
  logStreamName: string;
  tmpDir: string;
  initializationType: 'on-demand' | 'provisioned-concurrency';
  /** This Nimbus's AWS endpoint (an IP address, so S3 clients use path style): the function's SDK calls go there. */
  awsEndpoint?: string;
}

/** Where the Node runtime's AWS SDK for JavaScript v3 lives (Nimbus's own node_modules), as
 * Lambda's Node runtimes provide it: a handler may require it without bundling it. */
export const NODE_SDK_PATH = dirname(dirname(dirname(require.resolve('@aws-sdk/client-lambda/package.json'))));

/** The function's layer directories, the one that wins first (the last layer listed). */
export function layerDirs(config: FunctionVersion): string[] {
  return (config.layers ?? []).map((l) => l.dir).reverse();
}

/**
 * Where a custom runtime's `/opt/bootstrap` is: the directory of the winning layer that has a
 * `bootstrap` (as in the merged /opt), else the winning layer's directory (so "not found"
 * names it), or undefined without layers. For bootstrapCandidates(taskRoot, layersRoot).
 */
export function layerBootstrap(config: FunctionVersion): string | undefined {
  const dirs = layerDirs(config);
  return dirs.find((d) => existsSync(join(d, 'bootstrap'))) ?? dirs[0];
}

/**
 * A function declared for nodejs22.x or later runs on this machine's Node.js, which may be
 * older: the AWS SDK's warning about the Node.js version would be about Nimbus, not about the
 * function, so it is turned off (the function's own environment may turn it back on).
 */
function sdkVersionWarning(runtime: string): Record<string, string> {
  const declared = Number(/^nodejs(\d+)/.exec(runtime)?.[1] ?? 0);
  const actual = Number(process.versions.node.split('.')[0]);
  return declared > actual ? { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } : {};
}

/** Lambda's NODE_PATH order: layers (/opt/nodejs/node20/node_modules, /opt/nodejs/node_modules), the runtime's SDK, the runtime, the task root. */
function nodePath(c: EnvContext): Record<string, string> {
  if (!c.config.runtime.startsWith('nodejs')) return {};
  const major = /^nodejs(\d+)/.exec(c.config.runtime)?.[1];
  const layers = layerDirs(c.config).flatMap((d) => [join(d, 'nodejs', `node${major}`, 'node_modules'), join(d, 'nodejs', 'node_modules')]);
  return { NODE_PATH: [...layers, NODE_SDK_PATH, c.runtimeDir, c.config.codeDir].join(':') };
}

/**
 * What layers add for every runtime: `bin` on PATH (after the system's, as /opt/bin is on
 * Lambda), `lib` on LD_LIBRARY_PATH, Python's `python` and `python/lib/python3.X/site-packages`
 * on PYTHONPATH (after the task root: bootstrap.py puts it first), and NIMBUS_LAYER_DIRS
 * listing the layer directories in the function's order (what /opt is merged from).
 */
function layerPaths(c: EnvContext, basePath: string): Record<string, string> {
  const dirs = layerDirs(c.config);
  if (dirs.length === 0) return {};
  const out: Record<string, string> = {
    PATH: [basePath, ...dirs.map((d) => join(d, 'bin'))].join(':'),
    LD_LIBRARY_PATH: [...dirs.map((d) => join(d, 'lib')), c.config.environment.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    NIMBUS_LAYER_DIRS: [...dirs].reverse().join(':'),
  };
  if (c.config.runtime.startsWith('python')) {
    const version = c.config.runtime.slice('python'.length);
    const py = dirs.flatMap((d) => [join(d, 'python', 'lib', `python${version}`, 'site-packages'), join(d, 'python')]);
    out.PYTHONPATH = [...py, c.config.environment.PYTHONPATH].filter(Boolean).join(':');
  }
  return out;
}

/** What every runtime process starts with, before it has a function (stem cells too). */
export function runtimeBaseEnvironment(): Record<string, string> {
  return { PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`, LANG: 'en_US.UTF-8', TZ: ':UTC' };
}

export function lambdaEnvironment(c: EnvContext): Record<string, string> {
  const f = c.config;
  return {
    ...sdkVersionWarning(c.config.runtime),
    ...f.environment,
    ...runtimeBaseEnvironment(),
    TMPDIR: c.tmpDir,
    _HANDLER: f.handler,
    ...(f.runtime.startsWith('provided') ? {} : { AWS_EXECUTION_ENV: `AWS_Lambda_${f.runtime}` }), // not set for custom runtimes
    AWS_REGION: c.region,
    AWS_DEFAULT_REGION: c.region,
    AWS_LAMBDA_FUNCTION_NAME: f.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(f.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: f.version,
    AWS_LAMBDA_INITIALIZATION_TYPE: c.initializationType,
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${f.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: c.logStreamName,
    ...('api' in c.runtime ? { AWS_LAMBDA_RUNTIME_API: c.runtime.api } : { _NIMBUS_RUNTIME_FD: String(c.runtime.fd) }),
    LAMBDA_TASK_ROOT: f.codeDir,
    LAMBDA_RUNTIME_DIR: c.runtimeDir,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_SESSION_TOKEN: 'nimbus-session-token',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    ...(c.awsEndpoint ? { AWS_ENDPOINT_URL: c.awsEndpoint } : {}),
    ...nodePath(c),
    ...layerPaths(c, runtimeBaseEnvironment().PATH),
  };
}
