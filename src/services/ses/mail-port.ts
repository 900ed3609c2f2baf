// The in-process door to the mail sink for other parts of Nimbus (SNS email subscriptions):
// a message handed over here is stored like an SES send (api `SNS`) and shows in
// `nimbus mail` and /_nimbus/mail. main.ts wires it; the sink is shared by SES's APIs.
import type { Clock } from '../../kernel/clock';
import type { Sql } from '../../store/sql';
import { MailSink } from './sink';
import { MailStore } from './store';

export interface LocalMail { from: string; to: string; subject: string; text: string }

export interface MailPort { sendEmail(mail: LocalMail): Promise<void> }

export async function createMailPort(deps: { sql: Sql; clock: Clock }, api = 'SNS'): Promise<MailPort> {
  const sink = new MailSink(await MailStore.open(deps.sql), deps.clock);
  return {
    async sendEmail(mail) {
      await sink.send({ api, source: mail.from, to: [mail.to], cc: [], bcc: [], subject: mail.subject, text: mail.text });
    },
  };
}
