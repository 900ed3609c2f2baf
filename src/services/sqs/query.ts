// SQS over the AWS query protocol (what Debian's aws CLI and older boto3 send): the same
// operations as the JSON protocol, with the query names from the model's overlay. Old
// clients may post to the queue's URL and leave QueueUrl out: the path then names the queue.
import { loadQueryModel, type QueryServiceDef } from '../../protocols/aws-query';
import type { Call, Input } from './context';
import { SQS_OPERATIONS } from './operations';

const QUEUE_PATH = /^\/\d{12}\/[A-Za-z0-9_-]{1,80}(\.fifo)?$/;

export function sqsQueryService(invoke: (operation: string, input: Input, call: Call) => Promise<unknown>): QueryServiceDef {
  const operations = Object.fromEntries(Object.keys(SQS_OPERATIONS).map((name) => [name, (input: Input, ctx: { req: { headers: { host?: string } }; url: URL }) => {
    const endpoint = `http://${ctx.req.headers.host ?? 'localhost'}`;
    const withQueue = input.QueueUrl === undefined && QUEUE_PATH.test(ctx.url.pathname)
      ? { ...input, QueueUrl: `${endpoint}${ctx.url.pathname}` } : input;
    return invoke(name, withQueue, { endpoint });
  }]));
  return { model: loadQueryModel('sqs-2012-11-05', { overlay: true }), operations, missing: 'MissingParameter' };
}
