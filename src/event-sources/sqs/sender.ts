// The sender of one SQS poller: drops the records no filter matches (Lambda deletes them
// from an SQS source without invoking), invokes the function synchronously with the rest
// as one SQS event, and deletes what the outcome says is done (batch-response.ts).
// A throttle or an unreachable function deletes nothing but the filtered-out records.
import { AwsError } from '../../kernel/aws-error';
import type { Invoker } from '../../invoke/types';
import type { SqsPort } from '../../services/sqs';
import { passesFilters } from '../filter-criteria';
import { messagesToKeep } from './batch-response';
import { filterView, type SqsRecord } from './sqs-event';

export interface SendTarget {
  functionArn: string;
  queueArn: string;
  reportBatchItemFailures: boolean;
  filters: readonly Record<string, unknown>[];
}

export interface SenderDeps { invoker: Invoker; sqs: SqsPort; log: (message: string) => void }

/** `retry`: the function could not be invoked (throttled, missing, not active); the poller backs off. */
export type SendOutcome = 'done' | 'retry';

const RETRY_ERRORS = ['TooManyRequestsException', 'ResourceNotFoundException', 'ResourceConflictException', 'ResourceNotReadyException'];

export async function sendBatch(deps: SenderDeps, target: SendTarget, records: SqsRecord[]): Promise<SendOutcome> {
  const matched = target.filters.length === 0 ? records : records.filter((r) => passesFilters(target.filters, filterView(r)));
  const done = new Set(records.filter((r) => !matched.includes(r)).map((r) => r.receiptHandle));
  let outcome: SendOutcome = 'done';
  if (matched.length > 0) {
    try {
      const result = await deps.invoker.invoke({ functionName: target.functionArn, invocationType: 'RequestResponse', logType: 'None',
        payload: Buffer.from(JSON.stringify({ Records: matched })) });
      const keep = new Set(messagesToKeep(matched.map((r) => r.messageId), target.reportBatchItemFailures, result));
      for (const r of matched) if (!keep.has(r.messageId)) done.add(r.receiptHandle);
    } catch (e) {
      outcome = 'retry';
      if (!(e instanceof AwsError && RETRY_ERRORS.includes(e.code))) {
        deps.log(`event source mapping ${target.queueArn} → ${target.functionArn}: invoke failed: ${e instanceof Error ? e.message : e}`);
      }
    }
  }
  if (done.size > 0) await deps.sqs.deleteMessages(target.queueArn, [...done]);
  return outcome;
}
