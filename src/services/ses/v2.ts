// SES v2 (rest-json, /v2/email/...) as a mail sink: SendEmail (Simple, Raw and Template
// content), email identities (verified at once) and the account.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestId as newRequestId } from '../../kernel/ids';
import { parseJson, readBody, writeError, writeJson } from '../../protocols/rest-json';
import { isDomainIdentity } from './addresses';
import { AlreadyExistsExceptionV2, BadRequestException, NotFoundException } from './errors';
import { MailProblem, type MailSink } from './sink';
import type { MailStore } from './store';
import { parseTemplateData, renderTemplate } from './templates';
import { QUOTA } from './v1';
import type { Clock } from '../../kernel/clock';

type In = Record<string, any>;
export interface V2Deps { store: MailStore; sink: MailSink; clock: Clock; log: (m: string) => void }

const PREFIX = '/v2/email/';
const LIMIT = 40 * 1024 * 1024; // a 10 MB message (SES v2's limit) in base64, in JSON, with room to spare

export const matchesV2 = (_req: IncomingMessage, url: URL): boolean => url.pathname.startsWith(PREFIX);

export async function handleV2(deps: V2Deps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const requestId = newRequestId();
  try {
    const path = url.pathname.slice(PREFIX.length).replace(/\/$/, '');
    const identity = /^identities\/([^/]+)$/.exec(path);
    const key = `${req.method} ${identity ? 'identities/{id}' : path}`;
    const name = identity ? decodeURIComponent(identity[1]) : '';
    let out: unknown;
    switch (key) {
      case 'POST outbound-emails': out = await sendEmail(deps, await body(req)); break;
      case 'POST identities': out = await createIdentity(deps, await body(req)); break;
      case 'GET identities': out = await listIdentities(deps, url.searchParams.get('NextToken'), url.searchParams.get('PageSize')); break;
      case 'POST list-identities': { // newer clients (SDK v3 3.11xx) list with a body
        const b = await body(req);
        out = await listIdentities(deps, b.NextToken ?? null, b.PageSize === undefined ? null : String(b.PageSize));
        break;
      }
      case 'GET identities/{id}': out = await getIdentity(deps, name); break;
      case 'DELETE identities/{id}':
        if (!(await deps.store.deleteIdentity(name))) throw new NotFoundException(`Email identity ${name} does not exist.`);
        out = {};
        break;
      case 'GET account': out = await account(deps); break;
      default: throw new NotFoundException(`Nimbus does not serve the SES v2 operation ${req.method} ${url.pathname}.`);
    }
    writeJson(res, 200, out, requestId);
  } catch (err) {
    writeError(res, err, requestId, { log: deps.log });
  }
}

async function body(req: IncomingMessage): Promise<In> {
  const bytes = await readBody(req, { limit: LIMIT, tooLarge: () => new BadRequestException('The request is larger than 40 MB.') });
  if (bytes.length === 0) return {};
  const parsed = parseJson(bytes);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') throw new BadRequestException('The request body must be a JSON object.');
  return parsed.value as In;
}

async function sendEmail({ store, sink }: V2Deps, i: In): Promise<{ MessageId: string }> {
  const c = i.Content as In | undefined;
  if (!c || !(c.Simple || c.Raw || c.Template)) throw new BadRequestException('Content must contain a Simple, Raw or Template message.');
  const d = { to: i.Destination?.ToAddresses ?? [], cc: i.Destination?.CcAddresses ?? [], bcc: i.Destination?.BccAddresses ?? [] };
  const tags = Object.fromEntries(((i.EmailTags ?? []) as In[]).map((t) => [t.Name, t.Value]));
  try {
    if (c.Raw) {
      if (typeof c.Raw.Data !== 'string') throw new BadRequestException('Raw.Data is required.');
      const raw = Buffer.from(c.Raw.Data, 'base64').toString('utf8');
      return { MessageId: await sink.sendRaw('v2:SendEmail', raw, i.FromEmailAddress, [...d.to, ...d.cc, ...d.bcc], tags) };
    }
    let parts: { subject: string; text?: string; html?: string; template?: string };
    if (c.Simple) {
      parts = { subject: c.Simple.Subject?.Data ?? '', text: c.Simple.Body?.Text?.Data, html: c.Simple.Body?.Html?.Data };
    } else {
      const data = parseTemplateData(c.Template.TemplateData);
      if (!data) throw new BadRequestException('TemplateData must be a JSON object.');
      const name = c.Template.TemplateName ?? (c.Template.TemplateArn as string | undefined)?.split('/').pop();
      const inline = c.Template.TemplateContent as In | undefined;
      const t = inline ? { subject: inline.Subject, text: inline.Text, html: inline.Html } : name ? await store.template(name) : undefined;
      if (!t) throw new NotFoundException(name ? `Template ${name} does not exist.` : 'Template must name a template or give its content.');
      parts = { ...renderTemplate(t, data), template: name };
    }
    return { MessageId: await sink.send({ api: 'v2:SendEmail', source: i.FromEmailAddress, ...d, replyTo: i.ReplyToAddresses, ...parts, tags }) };
  } catch (e) {
    throw e instanceof MailProblem ? new BadRequestException(e.message) : e;
  }
}

const identityType = (name: string) => (isDomainIdentity(name) ? 'DOMAIN' : 'EMAIL_ADDRESS');
const dkim = { SigningEnabled: false, Status: 'NOT_STARTED', SigningAttributesOrigin: 'AWS_SES' };

async function createIdentity({ store, clock }: V2Deps, i: In): Promise<unknown> {
  const name = i.EmailIdentity;
  if (typeof name !== 'string' || name === '') throw new BadRequestException('EmailIdentity is required.');
  const created = await store.putIdentity({ identity: name, type: isDomainIdentity(name) ? 'Domain' : 'EmailAddress', createdAt: clock.now() });
  if (!created) throw new AlreadyExistsExceptionV2(`Email identity ${name} already exists.`);
  return { IdentityType: identityType(name), VerifiedForSendingStatus: true, DkimAttributes: dkim };
}

async function getIdentity({ store }: V2Deps, name: string): Promise<unknown> {
  if (!(await store.identity(name))) throw new NotFoundException(`Email identity ${name} does not exist.`);
  return { IdentityType: identityType(name), FeedbackForwardingStatus: true, VerifiedForSendingStatus: true,
    VerificationStatus: 'SUCCESS', DkimAttributes: dkim, Policies: {}, Tags: [] };
}

async function listIdentities({ store }: V2Deps, token: string | null, pageSize: string | null): Promise<unknown> {
  const all = await store.identities();
  const start = Number(token ?? 0) || 0;
  const size = Math.min(Math.max(Number(pageSize ?? 1000) || 1000, 1), 1000);
  return { EmailIdentities: all.slice(start, start + size).map((x) => ({ IdentityType: identityType(x.identity),
    IdentityName: x.identity, SendingEnabled: true, VerificationStatus: 'SUCCESS' })),
  NextToken: start + size < all.length ? String(start + size) : undefined };
}

async function account({ store, clock }: V2Deps): Promise<unknown> {
  return { DedicatedIpAutoWarmupEnabled: false, EnforcementStatus: 'HEALTHY', ProductionAccessEnabled: true, SendingEnabled: true,
    SendQuota: { Max24HourSend: QUOTA.max24HourSend, MaxSendRate: QUOTA.maxSendRate,
      SentLast24Hours: await store.recipientsSince(clock.now() - 86_400_000) } };
}
