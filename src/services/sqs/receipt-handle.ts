// Receipt handles: opaque to callers, they name the queue incarnation, the message's
// sequence number and the receive that produced them.
import { ReceiptHandleIsInvalid } from './errors';

export interface Receipt { qid: string; seq: number; token: string }

export function encodeReceipt(r: Receipt): string {
  return Buffer.from(`nimbus1:${r.qid}:${r.seq}:${r.token}`).toString('base64url');
}

/** Parses a handle of this queue; ReceiptHandleIsInvalid otherwise (as SQS words it). */
export function decodeReceipt(handle: unknown, qid: string): Receipt {
  const invalid = () => new ReceiptHandleIsInvalid(`The input receipt handle "${String(handle)}" is not a valid receipt handle.`);
  if (typeof handle !== 'string' || handle === '') throw invalid();
  const parts = Buffer.from(handle, 'base64url').toString('utf8').split(':');
  if (parts.length !== 4 || parts[0] !== 'nimbus1' || !/^\d+$/.test(parts[2]) || parts[1] !== qid) throw invalid();
  return { qid: parts[1], seq: Number(parts[2]), token: parts[3] };
}
