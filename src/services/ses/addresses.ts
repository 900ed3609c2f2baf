// Email addresses as SES checks them (pure): `Name <local@domain>` or a bare address, the
// problems SES names for a malformed one, and header address lists split on commas.

export interface Mailbox { name?: string; address: string }

/** `"Ann" <a@x.com>`, `Ann <a@x.com>` or `a@x.com`. */
export function parseMailbox(text: string): Mailbox {
  const t = text.trim();
  const m = /^(.*?)\s*<([^<>]*)>\s*$/.exec(t);
  if (!m) return { address: t };
  const name = m[1].trim().replace(/^"(.*)"$/, '$1');
  return name ? { name, address: m[2].trim() } : { address: m[2].trim() };
}

/** What SES says of a malformed address (InvalidParameterValue's message), or undefined for a good one. */
export function addressProblem(text: string): string | undefined {
  const { address } = parseMailbox(text);
  const at = address.lastIndexOf('@');
  if (at < 0) return "Missing final '@domain'";
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local === '') return 'Missing local name';
  if (/[\s\x00-\x1f\x7f]/.test(local)) return 'Local address contains control or whitespace';
  if (domain === '') return "Missing final '@domain'";
  if (/[\s\x00-\x1f\x7f]/.test(domain)) return 'Domain contains control or whitespace';
  if (!/^[A-Za-z0-9.-]+$/.test(domain) || domain.startsWith('.') || domain.endsWith('.') || domain.includes('..')) {
    return 'Domain contains illegal character';
  }
  if (/[<>()[\]\\,;:"]/.test(local) && !/^".*"$/.test(local)) return 'Local address contains illegal character';
  return undefined;
}

/** `a@x.com, "Doe, J" <j@y.com>` → each mailbox's text, commas inside quotes or <> kept. */
export function splitAddressList(header: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = 0;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '<') angle++;
    else if (!quoted && c === '>') angle = Math.max(0, angle - 1);
    if (c === ',' && !quoted && angle === 0) { if (cur.trim()) out.push(cur.trim()); cur = ''; } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** The domain of an identity that is a domain, else undefined (an email address). */
export const isDomainIdentity = (identity: string): boolean => !identity.includes('@');

/** The SES limit of recipients per message (To, Cc and Bcc together). */
export const MAX_RECIPIENTS = 50;

/** The first problem with a message's recipients: none, too many, or a malformed one. */
export function recipientsProblem(all: readonly string[]): string | undefined {
  if (all.length === 0) return "Missing required header 'To'.";
  if (all.length > MAX_RECIPIENTS) return `Recipient count exceeds ${MAX_RECIPIENTS}.`;
  for (const a of all) {
    const p = addressProblem(a);
    if (p) return p;
  }
  return undefined;
}
