// SES v1 (query protocol, 2010-12-01) as a mail sink: sends are stored, identities are
// verified the moment they are named, templates render `{{var}}` from TemplateData.
import type { Clock } from '../../kernel/clock';
import type { QueryOperation } from '../../protocols/aws-query';
import { isDomainIdentity } from './addresses';
import { AlreadyExistsException, InvalidParameterValue, InvalidTemplateException, TemplateDoesNotExistException } from './errors';
import { MailProblem, type MailSink } from './sink';
import type { MailStore } from './store';
import { parseTemplateData, renderTemplate } from './templates';

type In = Record<string, any>;
export interface V1Deps { store: MailStore; sink: MailSink; clock: Clock }

/** SES's quota for an account out of the sandbox, as GetSendQuota and GetAccount report it. */
export const QUOTA = { max24HourSend: 50_000, maxSendRate: 14 };
const DAY = 86_400_000;

const tags = (list: { Name: string; Value: string }[] | undefined) => Object.fromEntries((list ?? []).map((t) => [t.Name, t.Value]));
const dest = (d: In | undefined) => ({ to: d?.ToAddresses ?? [], cc: d?.CcAddresses ?? [], bcc: d?.BccAddresses ?? [] });

/** A sink problem is SES's InvalidParameterValue. */
async function sending(fn: () => Promise<string>): Promise<{ MessageId: string }> {
  try {
    return { MessageId: await fn() };
  } catch (e) {
    throw e instanceof MailProblem ? new InvalidParameterValue(e.message) : e;
  }
}

export function v1Operations({ store, sink, clock }: V1Deps): Record<string, QueryOperation> {
  const identity = (type: 'EmailAddress' | 'Domain') => async (name: string) => {
    await store.putIdentity({ identity: name, type, createdAt: clock.now() });
  };
  const template = async (name: string) => {
    const t = await store.template(name);
    if (!t) throw new TemplateDoesNotExistException(name);
    return t;
  };
  const putTemplate = (create: boolean) => async (i: In) => {
    const t = i.Template as In;
    if (!t.TemplateName) throw new InvalidTemplateException('Template name must not be empty.');
    const ok = await store.putTemplate({ name: t.TemplateName, subject: t.SubjectPart, text: t.TextPart, html: t.HtmlPart,
      createdAt: clock.now() }, create);
    if (!ok) throw create ? new AlreadyExistsException(t.TemplateName) : new TemplateDoesNotExistException(t.TemplateName);
    return {};
  };
  return {
    SendEmail: (i: In) => sending(() => sink.send({ api: 'SendEmail', source: i.Source, ...dest(i.Destination),
      replyTo: i.ReplyToAddresses, subject: i.Message.Subject.Data, text: i.Message.Body.Text?.Data, html: i.Message.Body.Html?.Data,
      tags: tags(i.Tags) })),
    SendRawEmail: (i: In) => sending(() => sink.sendRaw('SendRawEmail', Buffer.from(i.RawMessage.Data, 'base64').toString('utf8'),
      i.Source, i.Destinations ?? [], tags(i.Tags))),
    SendTemplatedEmail: async (i: In) => {
      const data = parseTemplateData(i.TemplateData);
      if (!data) throw new InvalidParameterValue('Template data must be a JSON object.');
      const r = renderTemplate(await template(i.Template), data);
      return sending(() => sink.send({ api: 'SendTemplatedEmail', source: i.Source, ...dest(i.Destination), replyTo: i.ReplyToAddresses,
        subject: r.subject, text: r.text, html: r.html, template: i.Template, tags: tags(i.Tags) }));
    },
    CreateTemplate: putTemplate(true),
    UpdateTemplate: putTemplate(false),
    GetTemplate: async (i: In) => {
      const t = await template(i.TemplateName);
      return { Template: { TemplateName: t.name, SubjectPart: t.subject, TextPart: t.text, HtmlPart: t.html } };
    },
    DeleteTemplate: async (i: In) => { await store.deleteTemplate(i.TemplateName); return {}; },
    ListTemplates: async (i: In) => {
      const all = await store.templates();
      const start = i.NextToken ? Number(Buffer.from(i.NextToken, 'base64').toString()) || 0 : 0;
      const max = Math.min(Math.max(i.MaxItems ?? 100, 1), 100);
      const page = all.slice(start, start + max);
      return { TemplatesMetadata: page.map((t) => ({ Name: t.name, CreatedTimestamp: t.createdAt / 1000 })),
        NextToken: start + max < all.length ? Buffer.from(String(start + max)).toString('base64') : undefined };
    },
    VerifyEmailIdentity: async (i: In) => { await identity('EmailAddress')(i.EmailAddress); return {}; },
    VerifyEmailAddress: async (i: In) => { await identity('EmailAddress')(i.EmailAddress); return {}; },
    VerifyDomainIdentity: async (i: In) => {
      await identity('Domain')(i.Domain);
      return { VerificationToken: verificationToken(i.Domain) };
    },
    ListIdentities: async (i: In) => {
      const type = i.IdentityType === 'EmailAddress' || i.IdentityType === 'Domain' ? i.IdentityType : undefined;
      return { Identities: (await store.identities(type)).map((x) => x.identity) };
    },
    ListVerifiedEmailAddresses: async () => ({ VerifiedEmailAddresses: (await store.identities('EmailAddress')).map((x) => x.identity) }),
    GetIdentityVerificationAttributes: async (i: In) => ({
      VerificationAttributes: Object.fromEntries((i.Identities as string[]).map((id) => [id, { VerificationStatus: 'Success',
        ...(isDomainIdentity(id) ? { VerificationToken: verificationToken(id) } : {}) }])),
    }),
    DeleteIdentity: async (i: In) => { await store.deleteIdentity(i.Identity); return {}; },
    DeleteVerifiedEmailAddress: async (i: In) => { await store.deleteIdentity(i.EmailAddress); return {}; },
    GetSendQuota: async () => ({ Max24HourSend: QUOTA.max24HourSend, MaxSendRate: QUOTA.maxSendRate,
      SentLast24Hours: await store.recipientsSince(clock.now() - DAY) }),
    GetSendStatistics: async () => ({
      SendDataPoints: (await store.sendStatistics(clock.now() - 14 * DAY)).map((b) => ({ Timestamp: b.start / 1000,
        DeliveryAttempts: b.recipients, Bounces: 0, Complaints: 0, Rejects: 0 })),
    }),
  };
}

/** A stable token per domain (the TXT record value SES would ask for). */
function verificationToken(domain: string): string {
  return Buffer.from(`nimbus:${domain.toLowerCase()}`).toString('base64').replace(/=+$/, '');
}
