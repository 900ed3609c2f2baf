// GET /_nimbus/mail (stored messages, newest first; ?limit=N, ?after=<cursor> for newer
// ones only) and GET /_nimbus/mail/<id> (one message with its bodies and raw MIME text).
import type { ServerResponse } from 'node:http';
import type { MailReader } from '../services/ses';

export async function mailRoute(reader: MailReader | undefined, url: URL,
  send: (res: ServerResponse, status: number, body: unknown) => void, res: ServerResponse): Promise<void> {
  if (!reader) return send(res, 404, { message: 'This server keeps no mail' });
  const id = url.pathname.slice('/_nimbus/mail/'.length);
  if (url.pathname.startsWith('/_nimbus/mail/') && id) {
    const mail = await reader.get(decodeURIComponent(id));
    return mail ? send(res, 200, mail) : send(res, 404, { message: `No message ${decodeURIComponent(id)}` });
  }
  const limit = Number(url.searchParams.get('limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return send(res, 400, { message: '"limit" must be a whole number from 1 to 1000' });
  const afterText = url.searchParams.get('after');
  const m = afterText === null ? undefined : /^(\d+):(.+)$/.exec(afterText);
  if (m === null) return send(res, 400, { message: '"after" must be a cursor returned by an earlier call' });
  const messages = await reader.list({ limit, after: m ? { sentAt: Number(m[1]), id: m[2] } : undefined });
  const newest = messages[0];
  send(res, 200, { messages, cursor: newest ? `${newest.sentAt}:${newest.id}` : afterText ?? undefined });
}
