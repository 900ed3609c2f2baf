// Reads a process's memory from /proc: VmRSS (now) and VmHWM (peak resident set),
// which is what REPORT's "Max Memory Used" shows and what the limit is checked against.
import { readFile } from 'node:fs/promises';

export interface MemoryReading { rssMb: number; peakMb: number }

export async function readMemory(pid: number): Promise<MemoryReading | undefined> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/status`, 'latin1');
  } catch {
    return undefined; // the process is gone
  }
  return parseStatus(text);
}

/** Pure: parses the VmRSS / VmHWM lines of /proc/<pid>/status (values in kB). */
export function parseStatus(text: string): MemoryReading | undefined {
  const rss = /VmRSS:\s+(\d+) kB/.exec(text);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(text);
  if (!rss || !hwm) return undefined;
  return { rssMb: Number(rss[1]) / 1024, peakMb: Number(hwm[1]) / 1024 };
}
