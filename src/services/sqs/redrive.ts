// Dead-letter decisions (pure): which claimed messages go to the dead-letter queue instead
// of the caller. A message moves when this receive would take its receive count above
// the source queue's maxReceiveCount.
import type { RedrivePolicy, StoredMessage } from './model';

export interface RedriveSplit { deliver: StoredMessage[]; deadLetter: StoredMessage[] }

/** `claimed` carry their receive count after this receive. */
export function splitDeadLetters(claimed: StoredMessage[], policy: RedrivePolicy | undefined): RedriveSplit {
  if (!policy) return { deliver: claimed, deadLetter: [] };
  const deliver: StoredMessage[] = [];
  const deadLetter: StoredMessage[] = [];
  for (const m of claimed) (m.receiveCount > policy.maxReceiveCount ? deadLetter : deliver).push(m);
  return { deliver, deadLetter };
}

/** How long a waiting receive sleeps before looking again: until its deadline, the next hidden message turning visible, or a cap. */
export function nextLook(now: number, deadline: number, nextVisibleAt: number | undefined, capMs: number): number {
  let at = Math.min(deadline, now + capMs);
  if (nextVisibleAt !== undefined) at = Math.min(at, nextVisibleAt);
  return Math.max(0, at - now);
}
