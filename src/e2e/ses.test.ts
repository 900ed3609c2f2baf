// SES as a local mail sink, through the official SDK v3 clients (SES v1 over the query
// protocol, SES v2 over rest-json), Debian's aws CLI, the admin API and `nimbus mail`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  SESClient, SendEmailCommand, SendRawEmailCommand, SendTemplatedEmailCommand, CreateTemplateCommand, GetTemplateCommand,
  UpdateTemplateCommand, ListTemplatesCommand, DeleteTemplateCommand, VerifyEmailIdentityCommand, VerifyDomainIdentityCommand,
  ListIdentitiesCommand, GetIdentityVerificationAttributesCommand, DeleteIdentityCommand, GetSendQuotaCommand, GetSendStatisticsCommand,
} from '@aws-sdk/client-ses';
import {
  SESv2Client, SendEmailCommand as SendEmailV2Command, CreateEmailIdentityCommand, GetEmailIdentityCommand,
  ListEmailIdentitiesCommand, DeleteEmailIdentityCommand, GetAccountCommand,
} from '@aws-sdk/client-sesv2';
import { mailCommand } from '../cli/mail';
import { startTestNimbus, type TestNimbus } from './harness';

const creds = { accessKeyId: 'test', secretAccessKey: 'test' };
const ID = /^[0-9a-f]{16}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-000000$/;

describe('SES mail sink', () => {
  let t: TestNimbus;
  let ses: SESClient;
  let v2: SESv2Client;
  const cliHome = mkdtempSync(join(tmpdir(), 'nimbus-cli-'));
  const mail = async (id = '') => (await fetch(`${t.server.awsUrl}/_nimbus/mail${id ? `/${id}` : ''}`)).json() as Promise<any>;
  const rejects = (p: Promise<unknown>, name: string, message: RegExp) =>
    assert.rejects(p, (e: any) => { assert.equal(e.name, name); assert.match(e.message, message); return true; });

  before(async () => {
    t = await startTestNimbus();
    ses = new SESClient({ endpoint: t.server.awsUrl, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
    v2 = new SESv2Client({ endpoint: t.server.awsUrl, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
  });
  after(async () => { ses.destroy(); v2.destroy(); await t.close(); rmSync(cliHome, { recursive: true, force: true }); });

  it('v1 SendEmail is stored, never sent, with an SES MessageId', async () => {
    const r = await ses.send(new SendEmailCommand({ Source: 'App <app@example.com>', Destination: { ToAddresses: ['ann@example.com'],
      CcAddresses: ['bob@example.com'], BccAddresses: ['audit@example.com'] }, ReplyToAddresses: ['help@example.com'],
      Message: { Subject: { Data: 'Welcome ✓' }, Body: { Text: { Data: 'Hello Ann' }, Html: { Data: '<p>Hello Ann</p>' } } },
      Tags: [{ Name: 'kind', Value: 'welcome' }] }));
    assert.match(r.MessageId ?? '', ID);
    const m = await mail(r.MessageId);
    assert.deepEqual([m.source, m.to, m.cc, m.bcc, m.replyTo, m.subject, m.text, m.html, m.api, m.tags],
      ['App <app@example.com>', ['ann@example.com'], ['bob@example.com'], ['audit@example.com'], ['help@example.com'], 'Welcome ✓',
        'Hello Ann', '<p>Hello Ann</p>', 'SendEmail', { kind: 'welcome' }]);
    assert.match(m.raw, /^From: App <app@example.com>\r\nTo: ann@example.com\r\nCc: bob@example.com\r\n/);
    assert.match(m.raw, /Subject: =\?UTF-8\?B\?/);
    assert.doesNotMatch(m.raw, /audit@example.com/); // Bcc is not a header
  });

  it('v1 SendRawEmail keeps the raw message and reads From / To / Subject from it', async () => {
    const raw = ['From: "Shop" <shop@example.com>', 'To: carl@example.com, "Doe, Dana" <dana@example.com>', 'Subject: =?UTF-8?Q?Order_=E2=9C=93?=',
      'MIME-Version: 1.0', 'Content-Type: multipart/alternative; boundary="b1"', '', '--b1', 'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable', '', 'Your order =E2=9C=93', '--b1', 'Content-Type: text/html', '', '<b>order</b>', '--b1--', ''].join('\r\n');
    const r = await ses.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw) } }));
    const m = await mail(r.MessageId);
    assert.equal(m.raw, raw);
    assert.deepEqual([m.source, m.to, m.subject, m.text, m.html], ['"Shop" <shop@example.com>',
      ['carl@example.com', '"Doe, Dana" <dana@example.com>'], 'Order ✓', 'Your order ✓', '<b>order</b>']);
    const d = await ses.send(new SendRawEmailCommand({ Source: 'ops@example.com', Destinations: ['x@example.com'], RawMessage: { Data: Buffer.from(raw) } }));
    assert.deepEqual([(await mail(d.MessageId)).source, (await mail(d.MessageId)).to], ['ops@example.com', ['x@example.com']]);
    await rejects(ses.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from('To: a@example.com\r\n\r\nhi') } })),
      'InvalidParameterValue', /^Missing required header 'From'\.$/);
  });

  it('v1 errors as SES answers them', async () => {
    const msg = { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } };
    await rejects(ses.send(new SendEmailCommand({ Source: 'not-an-address', Destination: { ToAddresses: ['a@example.com'] }, Message: msg })),
      'InvalidParameterValue', /Missing final '@domain'/);
    const many = Array.from({ length: 51 }, (_, i) => `r${i}@example.com`);
    await rejects(ses.send(new SendEmailCommand({ Source: 'a@example.com', Destination: { ToAddresses: many }, Message: msg })),
      'InvalidParameterValue', /^Recipient count exceeds 50\.$/);
    await rejects(ses.send(new SendEmailCommand({ Source: 'a@example.com', Destination: { ToAddresses: ['bad address@example.com'] },
      Message: msg })), 'InvalidParameterValue', /Local address contains control or whitespace/);
    await rejects(ses.send(new SendEmailCommand({ Source: 'a@example.com', Message: msg } as never)), 'ValidationError',
      /Value null at 'destination' failed to satisfy constraint/);
  });

  it('v1 templates: create, get, update, list, render {{var}}, delete; a missing one is TemplateDoesNotExist', async () => {
    await ses.send(new CreateTemplateCommand({ Template: { TemplateName: 'welcome', SubjectPart: 'Hi {{name}}',
      TextPart: 'Dear {{name}}, your plan is {{plan.tier}}.', HtmlPart: '<h1>{{name}}</h1>' } }));
    await rejects(ses.send(new CreateTemplateCommand({ Template: { TemplateName: 'welcome', SubjectPart: 'x' } })), 'AlreadyExistsException',
      /Template welcome already exists/);
    await ses.send(new UpdateTemplateCommand({ Template: { TemplateName: 'welcome', SubjectPart: 'Hello {{name}}',
      TextPart: 'Dear {{name}}, your plan is {{plan.tier}}.', HtmlPart: '<h1>{{name}}</h1>' } }));
    assert.equal((await ses.send(new GetTemplateCommand({ TemplateName: 'welcome' }))).Template?.SubjectPart, 'Hello {{name}}');
    const list = await ses.send(new ListTemplatesCommand({}));
    assert.deepEqual(list.TemplatesMetadata?.map((x) => x.Name), ['welcome']);
    assert.ok(list.TemplatesMetadata?.[0].CreatedTimestamp instanceof Date);
    const r = await ses.send(new SendTemplatedEmailCommand({ Source: 'a@example.com', Destination: { ToAddresses: ['ann@example.com'] },
      Template: 'welcome', TemplateData: JSON.stringify({ name: 'Ann', plan: { tier: 'gold' } }) }));
    const m = await mail(r.MessageId);
    assert.deepEqual([m.subject, m.text, m.html, m.template], ['Hello Ann', 'Dear Ann, your plan is gold.', '<h1>Ann</h1>', 'welcome']);
    await ses.send(new DeleteTemplateCommand({ TemplateName: 'welcome' }));
    await rejects(ses.send(new SendTemplatedEmailCommand({ Source: 'a@example.com', Destination: { ToAddresses: ['ann@example.com'] },
      Template: 'welcome', TemplateData: '{}' })), 'TemplateDoesNotExistException', /Template welcome does not exist/);
    await rejects(ses.send(new GetTemplateCommand({ TemplateName: 'nope' })), 'TemplateDoesNotExistException', /nope/);
  });

  it('v1 identities are verified at once; quota and statistics count the stored mail', async () => {
    await ses.send(new VerifyEmailIdentityCommand({ EmailAddress: 'me@example.com' }));
    const d = await ses.send(new VerifyDomainIdentityCommand({ Domain: 'example.org' }));
    assert.ok(d.VerificationToken);
    assert.deepEqual((await ses.send(new ListIdentitiesCommand({}))).Identities, ['example.org', 'me@example.com']);
    assert.deepEqual((await ses.send(new ListIdentitiesCommand({ IdentityType: 'Domain' }))).Identities, ['example.org']);
    const attrs = await ses.send(new GetIdentityVerificationAttributesCommand({ Identities: ['me@example.com', 'example.org'] }));
    assert.deepEqual(attrs.VerificationAttributes, { 'me@example.com': { VerificationStatus: 'Success' },
      'example.org': { VerificationStatus: 'Success', VerificationToken: d.VerificationToken } });
    await ses.send(new DeleteIdentityCommand({ Identity: 'me@example.com' }));
    assert.deepEqual((await ses.send(new ListIdentitiesCommand({}))).Identities, ['example.org']);
    const quota = await ses.send(new GetSendQuotaCommand({}));
    assert.equal(quota.Max24HourSend, 50000);
    assert.ok((quota.SentLast24Hours ?? 0) >= 5);
    const stats = await ses.send(new GetSendStatisticsCommand({}));
    assert.ok(stats.SendDataPoints?.length && stats.SendDataPoints[0].Timestamp instanceof Date);
  });

  it('v2 SendEmail: Simple, Raw and Template content; errors', async () => {
    const s = await v2.send(new SendEmailV2Command({ FromEmailAddress: 'v2@example.com', Destination: { ToAddresses: ['ann@example.com'] },
      Content: { Simple: { Subject: { Data: 'v2 hi' }, Body: { Text: { Data: 'v2 body' } } } } }));
    assert.match(s.MessageId ?? '', ID);
    assert.deepEqual([(await mail(s.MessageId)).subject, (await mail(s.MessageId)).api], ['v2 hi', 'v2:SendEmail']);
    const raw = await v2.send(new SendEmailV2Command({ Content: { Raw: { Data: Buffer.from('From: r@example.com\r\nTo: t@example.com\r\nSubject: raw v2\r\n\r\nbody') } } }));
    assert.deepEqual([(await mail(raw.MessageId)).subject, (await mail(raw.MessageId)).text], ['raw v2', 'body']);
    await ses.send(new CreateTemplateCommand({ Template: { TemplateName: 'v2t', SubjectPart: 'Code {{code}}', TextPart: 'Your code: {{code}}' } }));
    const tpl = await v2.send(new SendEmailV2Command({ FromEmailAddress: 'v2@example.com', Destination: { ToAddresses: ['ann@example.com'] },
      Content: { Template: { TemplateName: 'v2t', TemplateData: '{"code":"123"}' } } }));
    assert.deepEqual([(await mail(tpl.MessageId)).subject, (await mail(tpl.MessageId)).text], ['Code 123', 'Your code: 123']);
    const inline = await v2.send(new SendEmailV2Command({ FromEmailAddress: 'v2@example.com', Destination: { ToAddresses: ['ann@example.com'] },
      Content: { Template: { TemplateContent: { Subject: 'Hi {{n}}', Html: '<i>{{n}}</i>' }, TemplateData: '{"n":"Zed"}' } } }));
    assert.deepEqual([(await mail(inline.MessageId)).subject, (await mail(inline.MessageId)).html], ['Hi Zed', '<i>Zed</i>']);
    await rejects(v2.send(new SendEmailV2Command({ FromEmailAddress: 'v2@example.com', Destination: { ToAddresses: ['nope'] },
      Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } } })), 'BadRequestException', /Missing final '@domain'/);
    await rejects(v2.send(new SendEmailV2Command({ FromEmailAddress: 'v2@example.com', Destination: { ToAddresses: ['a@example.com'] },
      Content: { Template: { TemplateName: 'missing', TemplateData: '{}' } } })), 'NotFoundException', /Template missing does not exist/);
  });

  it('v2 email identities and the account', async () => {
    const c = await v2.send(new CreateEmailIdentityCommand({ EmailIdentity: 'v2.example.com' }));
    assert.deepEqual([c.IdentityType, c.VerifiedForSendingStatus], ['DOMAIN', true]);
    await rejects(v2.send(new CreateEmailIdentityCommand({ EmailIdentity: 'v2.example.com' })), 'AlreadyExistsException', /already exists/);
    const g = await v2.send(new GetEmailIdentityCommand({ EmailIdentity: 'v2.example.com' }));
    assert.deepEqual([g.IdentityType, g.VerificationStatus, g.VerifiedForSendingStatus], ['DOMAIN', 'SUCCESS', true]);
    const l = await v2.send(new ListEmailIdentitiesCommand({}));
    assert.ok(l.EmailIdentities?.some((x) => x.IdentityName === 'v2.example.com' && x.SendingEnabled));
    await v2.send(new DeleteEmailIdentityCommand({ EmailIdentity: 'v2.example.com' }));
    await rejects(v2.send(new GetEmailIdentityCommand({ EmailIdentity: 'v2.example.com' })), 'NotFoundException', /does not exist/);
    const a = await v2.send(new GetAccountCommand({}));
    assert.deepEqual([a.SendingEnabled, a.ProductionAccessEnabled, a.SendQuota?.Max24HourSend], [true, true, 50000]);
  });

  it('the aws CLI: ses send-email (query protocol) and sesv2 send-email', async () => {
    const run = async (...args: string[]) => JSON.parse((await promisify(execFile)('/usr/bin/aws', ['--endpoint-url', t.server.awsUrl,
      '--no-cli-pager', '--output', 'json', ...args], { env: { PATH: process.env.PATH, HOME: cliHome, AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1' } })).stdout);
    const v1 = await run('ses', 'send-email', '--from', 'cli@example.com', '--destination', 'ToAddresses=cli-to@example.com',
      '--message', 'Subject={Data=from the CLI},Body={Text={Data=plain text}}');
    assert.match(v1.MessageId, ID);
    assert.deepEqual([(await mail(v1.MessageId)).subject, (await mail(v1.MessageId)).to], ['from the CLI', ['cli-to@example.com']]);
    const two = await run('sesv2', 'send-email', '--from-email-address', 'cli@example.com', '--destination', 'ToAddresses=v2@example.com',
      '--content', 'Simple={Subject={Data=CLI v2},Body={Text={Data=x}}}');
    assert.equal((await mail(two.MessageId)).subject, 'CLI v2');
  });

  it('nimbus mail lists the messages (oldest first), prints one, and follows new ones', async () => {
    const list = await capture((out) => mailCommand(undefined, { endpoint: t.server.awsUrl, limit: 3 }, out));
    const lines = list.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[2], /cli@example\.com {2}→ {2}v2@example\.com {2}"CLI v2" {2}[0-9a-f]{16}-/);
    const newest = (await mail()).messages[0];
    const one = await capture((out) => mailCommand(newest.id, { endpoint: t.server.awsUrl }, out));
    assert.match(one, new RegExp(`^Message-Id: ${newest.id}\\nDate: .*\\nFrom: cli@example.com\\nTo: v2@example.com\\nSubject: CLI v2\\n`));
    assert.match(one, /\n\nx\n$/);
    assert.match(await capture((out) => mailCommand(newest.id, { endpoint: t.server.awsUrl, raw: true }, out)), /^From: cli@example.com\n/);
    await assert.rejects(mailCommand('nope', { endpoint: t.server.awsUrl }, new PassThrough()), /No message nope/);
    const ac = new AbortController();
    const out = new PassThrough();
    let text = '';
    out.on('data', (c) => { text += c; });
    const following = mailCommand(undefined, { endpoint: t.server.awsUrl, limit: 1, follow: true }, out, ac.signal);
    await new Promise((r) => setTimeout(r, 200));
    await ses.send(new SendEmailCommand({ Source: 'late@example.com', Destination: { ToAddresses: ['z@example.com'] },
      Message: { Subject: { Data: 'followed' }, Body: { Text: { Data: 'b' } } } }));
    const end = Date.now() + 5000;
    while (!text.includes('"followed"') && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    ac.abort();
    await following;
    assert.equal(text.trim().split('\n').length, 2);
    assert.match(text, /"CLI v2"[^\n]*\n[^\n]*late@example\.com[^\n]*"followed"/);
  });
});

async function capture(fn: (out: NodeJS.WritableStream) => Promise<number>): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => { text += c; });
  assert.equal(await fn(out), 0);
  return text;
}
