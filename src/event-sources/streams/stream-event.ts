// The Lambda event of a DynamoDB stream batch (reference B.5) and the metadata record an
// OnFailure destination gets for discarded records (reference B.6).
import { randomUUID } from 'node:crypto';
import type { StoredRecord, StreamRecordRow } from '../../services/dynamodb-streams';
import type { Condition } from './retry-policy';

export function lambdaRecord(r: StoredRecord, eventSourceARN: string, awsRegion: string): Record<string, unknown> {
  return { eventID: r.eventID, eventName: r.eventName, eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion, dynamodb: r.dynamodb,
    eventSourceARN, ...(r.userIdentity ? { userIdentity: r.userIdentity } : {}) };
}

export interface FailureContext {
  functionArn: string;
  condition: Condition;
  invokeCount: number;
  /** The last invocation's result, when the function was invoked. */
  response?: { statusCode: number; executedVersion?: string; functionError?: string };
  streamArn: string;
  shardId: string;
  records: readonly StreamRecordRow[];
  nowMs: number;
}

export function failureRecord(c: FailureContext): Record<string, unknown> {
  const first = c.records[0];
  const last = c.records[c.records.length - 1];
  return {
    requestContext: { requestId: randomUUID(), functionArn: c.functionArn, condition: c.condition, approximateInvokeCount: c.invokeCount },
    responseContext: c.response
      ? { statusCode: c.response.statusCode, executedVersion: c.response.executedVersion ?? '$LATEST', functionError: c.response.functionError ?? '' }
      : { statusCode: 0, executedVersion: '', functionError: '' },
    version: '1.0',
    timestamp: new Date(c.nowMs).toISOString(),
    DDBStreamBatchInfo: {
      shardId: c.shardId,
      startSequenceNumber: first.record.dynamodb.SequenceNumber,
      endSequenceNumber: last.record.dynamodb.SequenceNumber,
      approximateArrivalOfFirstRecord: new Date(first.createdAt).toISOString(),
      approximateArrivalOfLastRecord: new Date(last.createdAt).toISOString(),
      batchSize: c.records.length,
      streamArn: c.streamArn,
    },
  };
}
