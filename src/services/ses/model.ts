// The mail sink's data: every message an SES API accepted, stored and never sent.

export interface StoredMail {
  /** SES's MessageId. */
  id: string;
  /** Epoch ms. */
  sentAt: number;
  /** Which API and operation accepted it (`SendEmail`, `v2:SendEmail`, ...). */
  api: string;
  source: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject: string;
  text?: string;
  html?: string;
  /** The whole message as RFC 5322 text: as given (raw sends) or as SES would have built it. */
  raw: string;
  template?: string;
  tags: Record<string, string>;
}

export type MailSummary = Pick<StoredMail, 'id' | 'sentAt' | 'api' | 'source' | 'to' | 'cc' | 'bcc' | 'subject'>;

export interface Identity { identity: string; type: 'EmailAddress' | 'Domain'; createdAt: number }

/** What the CLI and the admin API read. */
export interface MailReader {
  /** Newest first; only messages after `after` (a cursor from `cursorOf`) when given. */
  list(o: { limit: number; after?: { sentAt: number; id: string } }): Promise<MailSummary[]>;
  get(id: string): Promise<StoredMail | undefined>;
}

/** SES's MessageId shape: 16 hex digits of the send time, a UUID, `-000000`. */
export function messageId(now: number, uuid: string): string {
  return `${now.toString(16).padStart(16, '0')}-${uuid}-000000`;
}
