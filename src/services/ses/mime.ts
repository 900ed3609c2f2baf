// MIME (pure): the message SES would send for a formatted email, and what a raw message
// says of itself: its headers (unfolded, encoded words decoded) and its text and HTML
// bodies (multipart walked, quoted-printable and base64 decoded).

export interface MimeParts { from: string; to: string[]; cc: string[]; replyTo: string[]; subject: string; text?: string;
  html?: string; messageId: string; date: Date }

/** A formatted email as RFC 5322 text (UTF-8, base64 bodies, multipart/alternative when both bodies are there). */
export function buildMime(p: MimeParts): string {
  const head = [`From: ${p.from}`, ...(p.to.length ? [`To: ${p.to.join(', ')}`] : []), ...(p.cc.length ? [`Cc: ${p.cc.join(', ')}`] : []),
    ...(p.replyTo.length ? [`Reply-To: ${p.replyTo.join(', ')}`] : []), `Subject: ${encodeWord(p.subject)}`,
    `Message-ID: <${p.messageId}@email.amazonses.com>`, `Date: ${p.date.toUTCString().replace('GMT', '+0000')}`, 'MIME-Version: 1.0'];
  const part = (type: string, body: string) => [`Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: base64', '',
    (Buffer.from(body).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n')].join('\r\n');
  if (p.text !== undefined && p.html !== undefined) {
    const b = `=_nimbus_${p.messageId.slice(-12)}`;
    return [...head, `Content-Type: multipart/alternative; boundary="${b}"`, '', `--${b}`, part('text/plain', p.text), `--${b}`,
      part('text/html', p.html), `--${b}--`, ''].join('\r\n');
  }
  return [...head, part(p.html !== undefined ? 'text/html' : 'text/plain', p.html ?? p.text ?? '')].join('\r\n');
}

const encodeWord = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`);

/** Splits a message (or a part) into its unfolded headers (lower-case names, first occurrence) and body. */
export function splitMessage(raw: string): { headers: Map<string, string>; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeWords(line.slice(i + 1).trim()));
  }
  return { headers, body };
}

/** RFC 2047 encoded words (`=?UTF-8?B?...?=`, `=?UTF-8?Q?...?=`). */
export function decodeWords(s: string): string {
  return s.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (_, charset: string, enc: string, text: string) => {
    const bytes = enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64')
      : qp(text.replace(/_/g, ' '));
    return decodeCharset(bytes, charset);
  });
}

function qp(text: string): Buffer {
  const bytes: number[] = [];
  const s = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) { bytes.push(parseInt(s.slice(i + 1, i + 3), 16)); i += 2; }
    else bytes.push(...Buffer.from(s[i], 'latin1'));
  }
  return Buffer.from(bytes);
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try { return new TextDecoder(charset.toLowerCase()).decode(bytes); } catch { return bytes.toString('utf8'); }
}

/** The first text/plain and text/html bodies of a message, decoded. */
export function bodies(raw: string, depth = 0): { text?: string; html?: string } {
  const { headers, body } = splitMessage(raw);
  const type = (headers.get('content-type') ?? 'text/plain').toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (type.startsWith('multipart/') && boundary && depth < 5) {
    const out: { text?: string; html?: string } = {};
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const b = bodies(part.replace(/^\r?\n/, '').replace(/\r?\n$/, ''), depth + 1); // that line break belongs to the boundary
      out.text ??= b.text;
      out.html ??= b.html;
    }
    return out;
  }
  const enc = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const charset = /charset="?([^";\s]+)"?/i.exec(headers.get('content-type') ?? '')?.[1] ?? 'utf-8';
  const text = enc === 'base64' ? decodeCharset(Buffer.from(body, 'base64'), charset)
    : enc === 'quoted-printable' ? decodeCharset(qp(body), charset) : body; // 7bit / 8bit: the message was read as UTF-8
  if (type.startsWith('text/html')) return { html: text };
  if (type.startsWith('text/')) return { text };
  return {};
}
