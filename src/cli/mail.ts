// `nimbus mail`: the messages the SES mail sink stored (nothing is ever sent), newest
// last; `--follow` keeps printing new ones; `nimbus mail <id>` prints one message.
import { CliError, expectOk, findEndpoint, request } from './endpoint';
import type { ClientOptions } from './commands';

interface Summary { id: string; sentAt: number; source: string; to: string[]; cc: string[]; bcc: string[]; subject: string }
interface Mail extends Summary { replyTo: string[]; text?: string; html?: string; raw: string; api: string; template?: string }

export async function mailCommand(id: string | undefined, o: ClientOptions & { limit?: number; follow?: boolean; raw?: boolean },
  out: NodeJS.WritableStream, signal?: AbortSignal): Promise<number> {
  const endpoint = findEndpoint(o);
  if (id) {
    const res = await request(endpoint, `/_nimbus/mail/${encodeURIComponent(id)}`);
    if (res.status === 404) throw new CliError(`No message ${id}. \`nimbus mail\` lists the stored messages.`);
    const m = (await (await expectOk(res)).json()) as Mail;
    out.write(o.raw ? m.raw.replace(/\r\n/g, '\n') + '\n' : show(m));
    return 0;
  }
  let cursor: string | undefined;
  let first = true;
  for (;;) {
    const q = new URLSearchParams({ limit: String(o.limit ?? 20) });
    if (cursor) q.set('after', cursor);
    const page = (await (await expectOk(await request(endpoint, `/_nimbus/mail?${q}`))).json()) as { messages: Summary[]; cursor?: string };
    if (first && page.messages.length === 0 && !o.follow) out.write('No mail yet. Send some with the SES API (SendEmail).\n');
    for (const m of [...page.messages].reverse()) out.write(line(m));
    cursor = page.cursor ?? cursor;
    first = false;
    if (!o.follow || signal?.aborted) return 0;
    await new Promise((r) => setTimeout(r, 500));
    if (signal?.aborted) return 0;
  }
}

function line(m: Summary): string {
  const to = [...m.to, ...m.cc, ...m.bcc];
  return `${new Date(m.sentAt).toISOString()}  ${m.source}  →  ${to.slice(0, 3).join(', ')}${to.length > 3 ? ` (+${to.length - 3})` : ''}`
    + `  ${JSON.stringify(m.subject)}  ${m.id}\n`;
}

function show(m: Mail): string {
  const head = [['Message-Id', m.id], ['Date', new Date(m.sentAt).toISOString()], ['From', m.source], ['To', m.to.join(', ')],
    ['Cc', m.cc.join(', ')], ['Bcc', m.bcc.join(', ')], ['Reply-To', m.replyTo.join(', ')], ['Subject', m.subject],
    ['Template', m.template ?? ''], ['Via', m.api]].filter(([, v]) => v);
  const body = m.text ?? (m.html !== undefined ? `(HTML)\n${m.html}` : '(no text body; --raw prints the MIME message)');
  return `${head.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${body}\n`;
}
