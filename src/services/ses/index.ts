// SES as a local mail sink: SES v1 (query protocol, served by protocols/aws-query's
// endpoint) and SES v2 (rest-json under /v2/email/). Every accepted message is stored
// (SQL) and never sent; `reader` lists them for `nimbus mail` and /_nimbus/mail. The only
// module others import.
import type { Clock } from '../../kernel/clock';
import { loadQueryModel, type QueryServiceDef } from '../../protocols/aws-query';
import type { AwsService } from '../../protocols/aws-service';
import type { Sql } from '../../store/sql';
import type { MailReader } from './model';
import { MailSink } from './sink';
import { MailStore } from './store';
import { v1Operations } from './v1';
import { handleV2, matchesV2 } from './v2';

export type { MailReader, MailSummary, StoredMail } from './model';

export interface SesDeps { sql: Sql; clock: Clock; log: (message: string) => void }

export interface Ses {
  /** SES v1 for the query endpoint (createQueryEndpoint([... , ses.query])). */
  query: QueryServiceDef;
  /** SES v2 on the AWS listener. */
  v2: AwsService;
  reader: MailReader;
}

export async function createSesService(deps: SesDeps): Promise<Ses> {
  const store = await MailStore.open(deps.sql);
  const sink = new MailSink(store, deps.clock);
  return {
    query: { model: loadQueryModel('ses-2010-12-01'), operations: v1Operations({ store, sink, clock: deps.clock }),
      missing: 'ValidationError', limit: 40 * 1024 * 1024, log: deps.log },
    v2: { name: 'ses', matches: matchesV2, handle: (req, res, url) => handleV2({ store, sink, clock: deps.clock, log: deps.log }, req, res, url) },
    reader: { list: (o) => store.list(o), get: (id) => store.get(id) },
  };
}
