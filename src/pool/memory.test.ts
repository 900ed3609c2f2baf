import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatus, readMemory } from './memory';

describe('process memory', () => {
  it('parses VmRSS and VmHWM from /proc/<pid>/status text', () => {
    const text = 'Name:\tnode\nVmPeak:\t 1000 kB\nVmHWM:\t   81920 kB\nVmRSS:\t   40960 kB\nThreads:\t7\n';
    assert.deepEqual(parseStatus(text), { rssMb: 40, peakMb: 80 });
    assert.equal(parseStatus('Name:\tkthread\n'), undefined);
  });
  it('reads this process, and nothing for a process that does not exist', async () => {
    const m = await readMemory(process.pid);
    assert.ok(m && m.rssMb > 10 && m.peakMb >= m.rssMb);
    assert.equal(await readMemory(2 ** 22 + 12345), undefined);
  });
});
