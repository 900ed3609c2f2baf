// Finds and loads the function's handler from `_HANDLER` (`path/to/file.export.nested`),
// relative to LAMBDA_TASK_ROOT, in AWS's order: the bare path, `file.js` (require, or import
// when the nearest package.json says "type":"module"), `file.mjs` (import), `file.cjs`
// (require), then a Node module resolution of the name. Failures become AWS's Runtime.*
// errors; an error thrown by the module's own code is passed on as is.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

// The Runtime.* error classes are loaded only when something fails.
const errors = (): typeof import('./errors') => require('./errors');

export type Handler = (event: unknown, context: unknown, callback: unknown) => unknown;

const MODULE_AND_PATH = /^([^.]*)\.(.*)$/;

export async function loadHandler(appRoot: string, fullHandler: string): Promise<Handler> {
  if (fullHandler.includes('..')) {
    throw new (errors().MalformedHandlerName)(
      `'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const moduleAndPath = basename(fullHandler);
  const moduleRoot = fullHandler.slice(0, fullHandler.indexOf(moduleAndPath));
  const match = MODULE_AND_PATH.exec(moduleAndPath);
  if (!match) throw new (errors().MalformedHandlerName)('Bad handler');
  const [, moduleName, propertyPath] = match;

  const userModule = await loadModule(appRoot, moduleRoot, moduleName);
  let handler: unknown = userModule;
  for (const key of propertyPath.split('.')) {
    handler = handler ? (handler as Record<string, unknown>)[key] : undefined;
  }
  if (!handler) throw new (errors().HandlerNotFound)(`${fullHandler} is undefined or not exported`);
  if (typeof handler !== 'function') throw new (errors().HandlerNotFound)(`${fullHandler} is not a function`);
  // As AWS's nodejs24.x: the handler's style is told by its arity, and callbacks are gone.
  if (handler.length >= 3 && callbacksRemoved(process.env.AWS_EXECUTION_ENV)) throw new (errors().CallbackHandlerDeprecated)();
  return handler as Handler;
}

/** `AWS_Lambda_nodejs24.x` and later. */
function callbacksRemoved(executionEnv = ''): boolean {
  const m = /^AWS_Lambda_nodejs(\d+)\.x$/.exec(executionEnv);
  return m !== null && Number(m[1]) >= 24;
}

async function loadModule(appRoot: string, moduleRoot: string, moduleName: string): Promise<unknown> {
  try {
    const base = resolve(appRoot, moduleRoot, moduleName);
    if (existsSync(base)) return require(base);
    const esm = typeModule(dirname(base));
    if (!esm && existsSync(`${base}.js`)) return require(`${base}.js`);
    if (esm && existsSync(`${base}.js`)) return await importFile(`${base}.js`);
    if (existsSync(`${base}.mjs`)) return await importFile(`${base}.mjs`);
    if (existsSync(`${base}.cjs`)) return require(`${base}.cjs`);
    // Not a file of the task root: a package name, resolved like require() would from there.
    return require(require.resolve(moduleName, { paths: [appRoot, join(appRoot, moduleRoot)] }));
  } catch (err) {
    if (err instanceof SyntaxError) throw new (errors().UserCodeSyntaxError)(err);
    if ((err as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND') throw new (errors().ImportModuleError)(err);
    throw err;
  }
}

function importFile(file: string): Promise<unknown> {
  // Loaded only for ES modules: CommonJS handlers never pay for it.
  const { pathToFileURL } = require('node:url') as typeof import('node:url');
  return import(pathToFileURL(file).href);
}

/**
 * Whether `.js` files in `folder` are ES modules: the nearest package.json decides; a
 * node_modules folder or the file-system root without one means CommonJS.
 */
function typeModule(folder: string): boolean {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (dir.endsWith('/node_modules')) return false;
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        return (JSON.parse(readFileSync(pj, 'utf8')) as { type?: unknown } | null)?.type === 'module';
      } catch (err) {
        console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`, err);
        return false;
      }
    }
    if (dir === dirname(dir)) return false;
  }
}
