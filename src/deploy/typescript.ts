// TypeScript handlers: `handler: src/users.get` with `src/users.ts` and no JavaScript
// beside it is bundled with esbuild (one CommonJS file, inline source map) into a
// build directory of its own, which is what gets deployed. Source maps are switched on
// the way AWS users do it for bundled functions (NODE_OPTIONS=--enable-source-maps),
// so stack traces point at the .ts lines.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { NimbusError } from '../kernel/errors';
import type { PlannedFunction } from './plan';

const JS = ['.js', '.mjs', '.cjs'];
const TS = ['.ts', '.mts', '.cts'];

/** The TypeScript entry of a Node function's handler, when it has one and no JavaScript. */
export function typeScriptEntry(fn: PlannedFunction): string | undefined {
  if (!fn.runtime.startsWith('nodejs')) return undefined;
  const modulePath = fn.handler.slice(0, fn.handler.lastIndexOf('.'));
  const base = join(fn.codeDir, modulePath);
  if (JS.some((ext) => existsSync(base + ext))) return undefined;
  const ts = TS.map((ext) => base + ext).find((f) => existsSync(f));
  return ts;
}

export interface Bundle { dir: string; environment: Record<string, string> }

export async function bundleTypeScript(fn: PlannedFunction, entry: string, buildRoot: string): Promise<Bundle> {
  const dir = join(buildRoot, fn.functionName);
  rmSync(dir, { recursive: true, force: true });
  const modulePath = fn.handler.slice(0, fn.handler.lastIndexOf('.'));
  const esbuild = await import('esbuild');
  try {
    await esbuild.build({
      entryPoints: [entry], outfile: join(dir, `${modulePath}.js`), bundle: true, platform: 'node',
      target: 'node18', format: 'cjs', sourcemap: 'inline', logLevel: 'silent',
      external: ['@aws-sdk/*'], // provided by the runtime, as on Lambda
    });
  } catch (err) {
    const e = err as { errors?: { text: string; location?: { file: string; line: number; column: number } }[] };
    const first = e.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : '';
    throw new NimbusError('CONFIG_INVALID', `${where}${first?.text ?? (err as Error).message} (bundling ${fn.logicalId}'s handler)`);
  }
  const prior = fn.environment.NODE_OPTIONS;
  return { dir, environment: { NODE_OPTIONS: prior ? `${prior} --enable-source-maps` : '--enable-source-maps' } };
}
