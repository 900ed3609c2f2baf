// Which bootstrap a custom runtime starts with, and Lambda's errors when there is none to start.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapCandidates, chooseEntrypoint, shebangInterpreter, type BootstrapProbe, type FileKind } from './entrypoint';

const probe = (files: Record<string, FileKind>, heads: Record<string, string> = {}): BootstrapProbe => ({
  kind: (p) => files[p] ?? 'missing',
  head: (p) => heads[p] ?? '\x7fELF',
});

describe('custom runtime entrypoint', () => {
  it('looks in the task root, then the layers root', () => {
    assert.deepEqual(bootstrapCandidates('/code/abc/'), ['/code/abc/bootstrap']);
    assert.deepEqual(bootstrapCandidates('/code/abc', '/layers/x'), ['/code/abc/bootstrap', '/layers/x/bootstrap']);
  });

  it('takes the first bootstrap that exists', () => {
    const c = ['/task/bootstrap', '/opt/bootstrap'];
    assert.deepEqual(chooseEntrypoint(c, probe({ '/opt/bootstrap': 'executable' })), { ok: true, path: '/opt/bootstrap' });
    assert.deepEqual(chooseEntrypoint(c, probe({ '/task/bootstrap': 'executable', '/opt/bootstrap': 'executable' })),
      { ok: true, path: '/task/bootstrap' });
    // The first one found decides, runnable or not.
    assert.deepEqual(chooseEntrypoint(c, probe({ '/task/bootstrap': 'not-executable', '/opt/bootstrap': 'executable' })),
      { ok: false, errorType: 'Runtime.InvalidEntrypoint', errorMessage: 'fork/exec /task/bootstrap: permission denied' });
  });

  it('answers Lambda\'s errors for a missing, non-executable or directory bootstrap', () => {
    const c = ['/task/bootstrap', '/opt/bootstrap'];
    assert.deepEqual(chooseEntrypoint(c, probe({})), { ok: false, errorType: 'Runtime.InvalidEntrypoint',
      errorMessage: 'Couldn\'t find valid bootstrap(s): [/task/bootstrap /opt/bootstrap]' });
    for (const kind of ['not-executable', 'directory'] as const) {
      assert.equal((chooseEntrypoint(c, probe({ '/task/bootstrap': kind })) as { errorMessage: string }).errorMessage,
        'fork/exec /task/bootstrap: permission denied');
    }
  });

  it('checks the #! interpreter as the kernel would run it', () => {
    const c = ['/t/bootstrap'];
    const run = (head: string, files: Record<string, FileKind> = {}) =>
      chooseEntrypoint(c, probe({ '/t/bootstrap': 'executable', '/bin/sh': 'executable', ...files }, { '/t/bootstrap': head }));
    assert.equal(run('#!/bin/sh\necho').ok, true);
    assert.equal(run('#! /bin/sh -e\n').ok, true);
    assert.equal((run('#!/bin/sh\r\necho') as { errorMessage: string }).errorMessage,
      'fork/exec /t/bootstrap: no such file or directory');
    assert.equal((run('#!/usr/bin/env bash\n', { '/usr/bin/env': 'not-executable' }) as { errorMessage: string }).errorMessage,
      'fork/exec /t/bootstrap: permission denied');
    assert.equal(shebangInterpreter('#!/usr/bin/env python3\n'), '/usr/bin/env');
    assert.equal(shebangInterpreter('\x7fELF'), undefined);
  });
});
