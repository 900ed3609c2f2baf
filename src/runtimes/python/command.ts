// How a python3.x environment is started: the machine's Python 3 (whatever python3.9 …
// python3.13 the function names) running bootstrap.py, which speaks Nimbus's private channel
// (fd 3) and, when started by anything else, the HTTP Runtime API. Its stem cells are forked
// from a zygote that has imported the runtime and boto3 (nimbus_ric/zygote.py).
//
// The interpreter is resolved once and cached: `python3` on PATH may be a shim (pyenv adds
// ~50 ms per start), so its real `sys.executable` is run instead, with `-S` (site.py and
// its .pth files cost ~25 ms per start) and the interpreter's full sys.path, as site.py
// would have built it, handed to bootstrap.py as its argument. `-u` keeps stdout and
// stderr unbuffered so output lands before END; `-X utf8` as Lambda's UTF-8 locale.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { FunctionVersion } from '../../registry/model';
import type { RuntimeCommand } from '../../pool/runtimes';

export interface PythonInterpreter {
  executable: string;
  /** sys.path as site.py builds it (site-packages included), or null: let site.py run. */
  sitePath: string[] | null;
}

const CANDIDATES = ['python3', '/usr/bin/python3'];
const PROBE = 'import sys, json; print(json.dumps([sys.executable, sys.path]))';
let cached: PythonInterpreter | undefined;

/** The real interpreter behind `python3`, probed once (a synchronous ~60 ms, on first use). */
export function resolvePython(candidates: string[] = CANDIDATES): PythonInterpreter {
  if (cached) return cached;
  // The server's own PYTHONPATH must not end up in every function's path.
  const env = { ...process.env };
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;
  for (const candidate of candidates) {
    try {
      const out = execFileSync(candidate, ['-c', PROBE], { env, cwd: '/', encoding: 'utf8', timeout: 10_000,
        stdio: ['ignore', 'pipe', 'ignore'] });
      const [executable, path] = JSON.parse(out) as [string, string[]];
      if (typeof executable === 'string' && executable && Array.isArray(path)) {
        cached = { executable, sitePath: path.filter((p) => typeof p === 'string' && p !== '' && p !== '/') };
        return cached;
      }
    } catch {
      // not installed or not working: the next candidate
    }
  }
  cached = { executable: '/usr/bin/python3', sitePath: null };
  return cached;
}

/** Where bootstrap.py and nimbus_ric/ are: next to this file if a build copied them, else in src/. */
export function pythonRuntimeDir(): string {
  const candidates = [__dirname, join(__dirname, '..', '..', '..', 'src', 'runtimes', 'python')];
  return candidates.find((d) => existsSync(join(d, 'bootstrap.py'))) ?? candidates[1];
}

/**
 * Whether the function needs an interpreter started for it rather than a stem cell: it sets
 * a variable read only as a process starts (PYTHON*, PYTHONPATH aside, which a cell applies
 * itself; the dynamic loader's LD_*), or a layer of its has a lib/ for LD_LIBRARY_PATH
 * (the loader reads that once, so a cell's extension modules could not find their libraries).
 */
export function needsOwnInterpreter(config: FunctionVersion): boolean {
  const startupOnly = (k: string) => (k.startsWith('PYTHON') && k !== 'PYTHONPATH') || k.startsWith('LD_');
  if (Object.keys(config.environment ?? {}).some(startupOnly)) return true;
  return (config.layers ?? []).some((l) => existsSync(join(l.dir, 'lib')));
}

export function pythonCommand(config: FunctionVersion): RuntimeCommand {
  const py = resolvePython();
  const runtimeDir = pythonRuntimeDir();
  const bootstrap = join(runtimeDir, 'bootstrap.py');
  const args = py.sitePath
    ? ['-S', '-u', '-X', 'utf8', bootstrap, py.sitePath.join(delimiter)]
    : ['-u', '-X', 'utf8', bootstrap];
  return { command: py.executable, args, runtimeDir, channel: 'pipe', zygote: true, stemCells: !needsOwnInterpreter(config) };
}
