// The one door every send goes through (v1 and v2): checks what SES checks of the
// addresses, gives the message SES's MessageId, builds its MIME text when the caller gave
// parts, and commits it to the store before the API answers. Nothing is ever sent.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import { addressProblem, recipientsProblem, splitAddressList } from './addresses';
import { bodies, buildMime, splitMessage } from './mime';
import { messageId, type StoredMail } from './model';
import type { MailStore } from './store';

export interface Outgoing {
  api: string;
  source?: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string[];
  subject: string;
  text?: string;
  html?: string;
  template?: string;
  tags?: Record<string, string>;
}

/** A problem with a message SES would reject: the caller answers it in its API's error (InvalidParameterValue, BadRequestException). */
export class MailProblem extends Error {}

export class MailSink {
  constructor(private store: MailStore, private clock: Clock) {}

  /** A formatted message (Simple or template content). */
  async send(o: Outgoing): Promise<string> {
    if (!o.source) throw new MailProblem("Missing required header 'From'.");
    check(o.source, [...o.to, ...o.cc, ...o.bcc], o.replyTo ?? []);
    const now = this.clock.now();
    const id = messageId(now, randomUUID());
    const raw = buildMime({ from: o.source, to: o.to, cc: o.cc, replyTo: o.replyTo ?? [], subject: o.subject, text: o.text,
      html: o.html, messageId: id, date: new Date(now) });
    await this.store.put({ id, sentAt: now, api: o.api, source: o.source, to: o.to, cc: o.cc, bcc: o.bcc, replyTo: o.replyTo ?? [],
      subject: o.subject, text: o.text, html: o.html, raw, template: o.template, tags: o.tags ?? {} });
    return id;
  }

  /** A raw MIME message: the sender is `source` or the From header, the recipients `destinations` or the To, Cc and Bcc headers. */
  async sendRaw(api: string, raw: string, source: string | undefined, destinations: string[], tags: Record<string, string> = {}): Promise<string> {
    const { headers } = splitMessage(raw);
    const from = source || headers.get('from');
    if (!from) throw new MailProblem("Missing required header 'From'.");
    const list = (h: string) => splitAddressList(headers.get(h) ?? '');
    const to = destinations.length ? destinations : list('to');
    const cc = destinations.length ? [] : list('cc');
    const bcc = destinations.length ? [] : list('bcc');
    check(from, [...to, ...cc, ...bcc], []);
    const now = this.clock.now();
    const id = messageId(now, randomUUID());
    const b = bodies(raw);
    const mail: StoredMail = { id, sentAt: now, api, source: from, to, cc, bcc, replyTo: list('reply-to'),
      subject: headers.get('subject') ?? '', text: b.text, html: b.html, raw, tags };
    await this.store.put(mail);
    return id;
  }
}

function check(source: string, recipients: string[], replyTo: string[]): void {
  const problem = addressProblem(source) ?? recipientsProblem(recipients) ?? replyTo.map(addressProblem).find(Boolean);
  if (problem) throw new MailProblem(problem);
}

