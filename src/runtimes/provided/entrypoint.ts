// Which executable starts a custom runtime, decided as Lambda decides it: the first
// `bootstrap` that exists among the function's code directory (LAMBDA_TASK_ROOT) and the
// layers' directory (Lambda's /opt), which must then be runnable. Anything else is an Init
// error of type Runtime.InvalidEntrypoint, with Lambda's messages (its runtime is written in
// Go, hence "fork/exec"). Pure: the file system is read through a probe.

export const INVALID_ENTRYPOINT = 'Runtime.InvalidEntrypoint';

/** What the probe found at a path. */
export type FileKind = 'missing' | 'directory' | 'not-executable' | 'executable';

export interface BootstrapProbe {
  kind(path: string): FileKind;
  /** The first bytes of an executable file (for its `#!` line). */
  head(path: string): string;
}

export type Entrypoint =
  | { ok: true; path: string }
  | { ok: false; errorType: string; errorMessage: string };

/**
 * The places a bootstrap may be, in Lambda's order: `<task root>/bootstrap`, then
 * `<layers root>/bootstrap`. Layers are not built yet: when they are, the version's merged
 * layer directory (its /opt) is passed as `layersRoot`.
 */
export function bootstrapCandidates(taskRoot: string, layersRoot?: string): string[] {
  const join = (dir: string) => `${dir.replace(/\/+$/, '')}/bootstrap`;
  return layersRoot ? [join(taskRoot), join(layersRoot)] : [join(taskRoot)];
}

export function chooseEntrypoint(candidates: string[], probe: BootstrapProbe): Entrypoint {
  const path = candidates.find((c) => probe.kind(c) !== 'missing');
  if (path === undefined) return invalid(`Couldn't find valid bootstrap(s): [${candidates.join(' ')}]`);
  const kind = probe.kind(path);
  if (kind !== 'executable') return invalid(`fork/exec ${path}: permission denied`);
  const interpreter = shebangInterpreter(probe.head(path));
  if (interpreter !== undefined) {
    // The kernel runs the `#!` program; one that is missing (a CRLF line ending is the usual
    // cause: "/bin/sh\r") fails the exec itself, as Lambda reports.
    const k = interpreter.startsWith('/') ? probe.kind(interpreter) : 'missing';
    if (k === 'missing') return invalid(`fork/exec ${path}: no such file or directory`);
    if (k !== 'executable') return invalid(`fork/exec ${path}: permission denied`);
  }
  return { ok: true, path };
}

/** The program named by a `#!` line, exactly as the kernel reads it (up to a space, tab or LF). */
export function shebangInterpreter(head: string): string | undefined {
  if (!head.startsWith('#!')) return undefined;
  const end = head.indexOf('\n');
  const line = (end < 0 ? head : head.slice(0, end)).slice(2).replace(/^[ \t]+/, '');
  const program = /^[^ \t]*/.exec(line)![0];
  return program === '' ? undefined : program;
}

function invalid(errorMessage: string): Entrypoint {
  return { ok: false, errorType: INVALID_ENTRYPOINT, errorMessage };
}
