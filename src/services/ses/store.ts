// The mail sink in SQL (SQLite or PostgreSQL, portable SQL): messages, identities and
// templates. A message is committed before the API answers.
import { sql, type Row, type Sql } from '../../store/sql';
import type { Identity, MailSummary, StoredMail } from './model';
import type { EmailTemplate } from './templates';

const schema = `
CREATE TABLE IF NOT EXISTS ses_messages (
  id TEXT PRIMARY KEY,
  sent_at BIGINT NOT NULL,
  api TEXT NOT NULL,
  source TEXT NOT NULL,
  to_addresses TEXT NOT NULL,
  cc_addresses TEXT NOT NULL,
  bcc_addresses TEXT NOT NULL,
  reply_to TEXT NOT NULL,
  recipients BIGINT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT,
  html_body TEXT,
  raw TEXT NOT NULL,
  template TEXT,
  tags TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ses_messages_sent ON ses_messages (sent_at, id);
CREATE TABLE IF NOT EXISTS ses_identities (
  identity TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS ses_templates (
  name TEXT PRIMARY KEY,
  subject TEXT,
  text_part TEXT,
  html_part TEXT,
  created_at BIGINT NOT NULL
);
`;

const SUMMARY = 'id, sent_at, api, source, to_addresses, cc_addresses, bcc_addresses, subject';

export class MailStore {
  private constructor(private db: Sql) {}

  static async open(db: Sql): Promise<MailStore> {
    await db.exec(schema);
    return new MailStore(db);
  }

  async put(m: StoredMail): Promise<void> {
    await this.db.run(sql`INSERT INTO ses_messages (id, sent_at, api, source, to_addresses, cc_addresses, bcc_addresses, reply_to,
      recipients, subject, text_body, html_body, raw, template, tags) VALUES (${m.id}, ${m.sentAt}, ${m.api}, ${m.source},
      ${JSON.stringify(m.to)}, ${JSON.stringify(m.cc)}, ${JSON.stringify(m.bcc)}, ${JSON.stringify(m.replyTo)},
      ${m.to.length + m.cc.length + m.bcc.length}, ${m.subject}, ${m.text ?? null}, ${m.html ?? null}, ${m.raw},
      ${m.template ?? null}, ${JSON.stringify(m.tags)})`);
  }

  async list(o: { limit: number; after?: { sentAt: number; id: string } }): Promise<MailSummary[]> {
    const rows = o.after
      ? await this.db.all(sql([`SELECT ${SUMMARY} FROM ses_messages WHERE sent_at > `, ' OR (sent_at = ', ' AND id > ',
        ') ORDER BY sent_at DESC, id DESC LIMIT ', ''], o.after.sentAt, o.after.sentAt, o.after.id, o.limit))
      : await this.db.all(sql([`SELECT ${SUMMARY} FROM ses_messages ORDER BY sent_at DESC, id DESC LIMIT `, ''], o.limit));
    return rows.map(toSummary);
  }

  async get(id: string): Promise<StoredMail | undefined> {
    const r = await this.db.get(sql`SELECT * FROM ses_messages WHERE id = ${id}`);
    if (!r) return undefined;
    return { ...toSummary(r), replyTo: JSON.parse(String(r.reply_to)), text: (r.text_body as string | null) ?? undefined,
      html: (r.html_body as string | null) ?? undefined, raw: String(r.raw), template: (r.template as string | null) ?? undefined,
      tags: JSON.parse(String(r.tags)) };
  }

  /** Recipients per 15-minute interval since `since` (GetSendStatistics), oldest first. */
  async sendStatistics(since: number): Promise<{ start: number; recipients: number }[]> {
    const rows = await this.db.all(sql`SELECT sent_at, recipients FROM ses_messages WHERE sent_at >= ${since} ORDER BY sent_at`);
    const buckets = new Map<number, number>();
    for (const r of rows) {
      const start = Math.floor(Number(r.sent_at) / 900_000) * 900_000;
      buckets.set(start, (buckets.get(start) ?? 0) + Number(r.recipients));
    }
    return [...buckets].map(([start, recipients]) => ({ start, recipients }));
  }

  async recipientsSince(since: number): Promise<number> {
    const r = await this.db.get(sql`SELECT COALESCE(SUM(recipients), 0) AS n FROM ses_messages WHERE sent_at >= ${since}`);
    return Number(r?.n ?? 0);
  }

  async putIdentity(i: Identity): Promise<boolean> {
    const r = await this.db.run(sql`INSERT INTO ses_identities (identity, type, created_at) VALUES (${i.identity}, ${i.type},
      ${i.createdAt}) ON CONFLICT (identity) DO NOTHING`);
    return r.changes > 0;
  }

  async identity(name: string): Promise<Identity | undefined> {
    const r = await this.db.get(sql`SELECT * FROM ses_identities WHERE identity = ${name}`);
    return r ? toIdentity(r) : undefined;
  }

  async identities(type?: Identity['type']): Promise<Identity[]> {
    const rows = type ? await this.db.all(sql`SELECT * FROM ses_identities WHERE type = ${type} ORDER BY identity`)
      : await this.db.all(sql`SELECT * FROM ses_identities ORDER BY identity`);
    return rows.map(toIdentity);
  }

  async deleteIdentity(name: string): Promise<boolean> {
    return (await this.db.run(sql`DELETE FROM ses_identities WHERE identity = ${name}`)).changes > 0;
  }

  /** Inserts (create: false when the name is taken) or replaces (create false: false when there is none). */
  async putTemplate(t: EmailTemplate, create: boolean): Promise<boolean> {
    const r = create
      ? await this.db.run(sql`INSERT INTO ses_templates (name, subject, text_part, html_part, created_at) VALUES (${t.name},
        ${t.subject ?? null}, ${t.text ?? null}, ${t.html ?? null}, ${t.createdAt}) ON CONFLICT (name) DO NOTHING`)
      : await this.db.run(sql`UPDATE ses_templates SET subject = ${t.subject ?? null}, text_part = ${t.text ?? null},
        html_part = ${t.html ?? null} WHERE name = ${t.name}`);
    return r.changes > 0;
  }

  async template(name: string): Promise<EmailTemplate | undefined> {
    const r = await this.db.get(sql`SELECT * FROM ses_templates WHERE name = ${name}`);
    return r ? toTemplate(r) : undefined;
  }

  async templates(): Promise<EmailTemplate[]> {
    return (await this.db.all(sql`SELECT * FROM ses_templates ORDER BY name`)).map(toTemplate);
  }

  async deleteTemplate(name: string): Promise<void> {
    await this.db.run(sql`DELETE FROM ses_templates WHERE name = ${name}`);
  }
}

function toSummary(r: Row): MailSummary {
  return { id: String(r.id), sentAt: Number(r.sent_at), api: String(r.api), source: String(r.source),
    to: JSON.parse(String(r.to_addresses)), cc: JSON.parse(String(r.cc_addresses)), bcc: JSON.parse(String(r.bcc_addresses)),
    subject: String(r.subject) };
}

const toIdentity = (r: Row): Identity => ({ identity: String(r.identity), type: r.type as Identity['type'], createdAt: Number(r.created_at) });

const toTemplate = (r: Row): EmailTemplate => ({ name: String(r.name), subject: (r.subject as string | null) ?? undefined,
  text: (r.text_part as string | null) ?? undefined, html: (r.html_part as string | null) ?? undefined, createdAt: Number(r.created_at) });
