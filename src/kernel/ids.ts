// Identifiers in the shapes AWS uses.
import { randomBytes, randomUUID } from 'node:crypto';

export const requestId = (): string => randomUUID();
export const hexId = (bytes = 16): string => randomBytes(bytes).toString('hex');

/** Lambda's log stream name: `YYYY/MM/DD/[<version>]<32 hex>`. */
export function logStreamName(version: string, epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/[${version}]${hexId(16)}`;
}
