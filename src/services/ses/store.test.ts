// The mail sink's store on both databases, and its pure parts: addresses, MIME, templates.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../kernel/clock';
import { openTestPostgres, openTestSqlite, type TestSql } from '../../store/testing';
import { addressProblem, parseMailbox, recipientsProblem, splitAddressList } from './addresses';
import { bodies, buildMime, decodeWords, splitMessage } from './mime';
import { messageId } from './model';
import { MailProblem, MailSink } from './sink';
import { MailStore } from './store';
import { parseTemplateData, renderTemplate } from './templates';

for (const [name, open] of [['SQLite', openTestSqlite], ['PostgreSQL', openTestPostgres]] as const) {
  describe(`MailStore on ${name}`, () => {
    const withDb = async (fn: (t: TestSql) => Promise<void>) => {
      const t = await open();
      try { await fn(t); } finally { await t.cleanup(); }
    };

    it('stores messages, lists them newest first and after a cursor, counts recipients', () => withDb(async (t) => {
      const clock = new FakeClock(1_700_000_000_000);
      const store = await MailStore.open(t.sql);
      const sink = new MailSink(store, clock);
      const a = await sink.send({ api: 'SendEmail', source: 'a@x.com', to: ['b@y.com'], cc: ['c@y.com'], bcc: [], subject: 'one', text: 't' });
      clock.advance(1000);
      const b = await sink.sendRaw('SendRawEmail', 'From: r@x.com\r\nTo: s@y.com\r\nSubject: two\r\n\r\nraw body', undefined, []);
      const list = await store.list({ limit: 10 });
      assert.deepEqual(list.map((m) => [m.id, m.subject, m.to]), [[b, 'two', ['s@y.com']], [a, 'one', ['b@y.com']]]);
      assert.deepEqual((await store.list({ limit: 10, after: { sentAt: list[1].sentAt, id: a } })).map((m) => m.id), [b]);
      assert.equal((await store.list({ limit: 1 })).length, 1);
      const got = await store.get(a);
      assert.equal(got?.text, 't');
      assert.match(got?.raw ?? '', /^From: a@x.com\r\nTo: b@y.com\r\nCc: c@y.com\r\nSubject: one\r\n/);
      assert.equal((await store.get(b))?.text, 'raw body');
      assert.equal(await store.get('nope'), undefined);
      assert.equal(await store.recipientsSince(0), 3);
      assert.deepEqual(await store.sendStatistics(0), [{ start: 1_699_999_200_000, recipients: 3 }]);
      await assert.rejects(sink.send({ api: 'SendEmail', source: 'a@x.com', to: [], cc: [], bcc: [], subject: 's' }), MailProblem);
    }));

    it('identities and templates', () => withDb(async (t) => {
      const store = await MailStore.open(t.sql);
      assert.equal(await store.putIdentity({ identity: 'x.com', type: 'Domain', createdAt: 1 }), true);
      assert.equal(await store.putIdentity({ identity: 'x.com', type: 'Domain', createdAt: 2 }), false);
      await store.putIdentity({ identity: 'a@x.com', type: 'EmailAddress', createdAt: 3 });
      assert.deepEqual((await store.identities()).map((i) => i.identity), ['a@x.com', 'x.com']);
      assert.deepEqual((await store.identities('Domain')).map((i) => i.identity), ['x.com']);
      assert.equal(await store.deleteIdentity('x.com'), true);
      assert.equal(await store.deleteIdentity('x.com'), false);
      assert.equal(await store.putTemplate({ name: 't', subject: 's', createdAt: 1 }, true), true);
      assert.equal(await store.putTemplate({ name: 't', subject: 's2', createdAt: 1 }, true), false);
      assert.equal(await store.putTemplate({ name: 't', subject: 's3', html: 'h', createdAt: 1 }, false), true);
      assert.equal(await store.putTemplate({ name: 'u', createdAt: 1 }, false), false);
      assert.deepEqual(await store.template('t'), { name: 't', subject: 's3', text: undefined, html: 'h', createdAt: 1 });
      await store.deleteTemplate('t');
      assert.deepEqual(await store.templates(), []);
    }));
  });
}

describe('mail sink: pure parts', () => {
  it('addresses', () => {
    assert.deepEqual(parseMailbox('"Doe, J" <j@x.com>'), { name: 'Doe, J', address: 'j@x.com' });
    assert.deepEqual(parseMailbox('j@x.com'), { address: 'j@x.com' });
    assert.deepEqual(splitAddressList('a@x.com, "Doe, J" <j@x.com>,b@y.com'), ['a@x.com', '"Doe, J" <j@x.com>', 'b@y.com']);
    assert.equal(addressProblem('App <app@x.com>'), undefined);
    assert.equal(addressProblem('nobody'), "Missing final '@domain'");
    assert.equal(addressProblem('a b@x.com'), 'Local address contains control or whitespace');
    assert.equal(addressProblem('a@x..com'), 'Domain contains illegal character');
    assert.equal(recipientsProblem(Array.from({ length: 50 }, (_, i) => `r${i}@x.com`)), undefined);
    assert.equal(recipientsProblem(Array.from({ length: 51 }, (_, i) => `r${i}@x.com`)), 'Recipient count exceeds 50.');
  });

  it('MIME: built messages read back; encoded words; multipart bodies', () => {
    const raw = buildMime({ from: 'a@x.com', to: ['b@y.com'], cc: [], replyTo: [], subject: 'Grüße', text: 'plain ✓', html: '<p>h</p>',
      messageId: 'm-123456789012', date: new Date(0) });
    const { headers } = splitMessage(raw);
    assert.equal(headers.get('subject'), 'Grüße');
    assert.equal(headers.get('date'), 'Thu, 01 Jan 1970 00:00:00 +0000');
    assert.deepEqual(bodies(raw), { text: 'plain ✓', html: '<p>h</p>' });
    assert.equal(decodeWords('=?ISO-8859-1?Q?caf=E9?= =?UTF-8?B?4pyT?='), 'café✓');
    assert.equal(splitMessage('Subject: a\r\n  folded\r\n\r\nbody').headers.get('subject'), 'a folded');
  });

  it('templates and message ids', () => {
    assert.deepEqual(renderTemplate({ subject: 'Hi {{ name }}', text: '{{a.b}}/{{missing}}/{{{raw}}}' }, { name: 'Ann', a: { b: 2 }, raw: '<x>' }),
      { subject: 'Hi Ann', text: '2//<x>', html: undefined });
    assert.equal(parseTemplateData('[1]'), undefined);
    assert.equal(parseTemplateData('nope'), undefined);
    assert.deepEqual(parseTemplateData(undefined), {});
    assert.equal(messageId(0x18bcfe56800, '4e3b1c2a-0d5f-4b7e-9a61-1f2e3d4c5b6a'), '0000018bcfe56800-4e3b1c2a-0d5f-4b7e-9a61-1f2e3d4c5b6a-000000');
  });
});
