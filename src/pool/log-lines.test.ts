// Golden lines from AWS's documentation (Lambda developer guide, "AWS Lambda function
// logging in Node.js": the CloudWatch events of an invocation), compared byte for byte.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endLine, reportLine, startLine, timeoutLine } from './log-lines';
import { billedDurationMs } from './schedule';

const AWS_START = 'START RequestId: 4ce9340a-b765-490f-ad8a-02ab3415e2bf Version: $LATEST';
const AWS_END = 'END RequestId: 4ce9340a-b765-490f-ad8a-02ab3415e2bf';
const AWS_REPORT = 'REPORT RequestId: 4ce9340a-b765-490f-ad8a-02ab3415e2bf\tDuration: 26.73 ms\tBilled Duration: 27 ms \tMemory Size: 128 MB\tMax Memory Used: 75 MB\t';
// The same event shape with Init Duration after Max Memory Used (AWS's cold-start example: 166.62 ms).
const AWS_REPORT_COLD = 'REPORT RequestId: 4ce9340a-b765-490f-ad8a-02ab3415e2bf\tDuration: 26.73 ms\tBilled Duration: 27 ms \tMemory Size: 128 MB\tMax Memory Used: 75 MB\tInit Duration: 166.62 ms\t';

describe('platform log lines', () => {
  const id = '4ce9340a-b765-490f-ad8a-02ab3415e2bf';
  it('START and END match AWS', () => {
    assert.equal(startLine(id, '$LATEST'), AWS_START);
    assert.equal(endLine(id), AWS_END);
  });
  it('REPORT of a warm invocation matches AWS byte for byte', () => {
    assert.equal(reportLine({ requestId: id, durationMs: 26.73, billedDurationMs: billedDurationMs(26.73), memorySizeMb: 128,
      maxMemoryUsedMb: 75 }), AWS_REPORT);
  });
  it('REPORT of a cold start adds Init Duration', () => {
    assert.equal(reportLine({ requestId: id, durationMs: 26.731, billedDurationMs: 27, memorySizeMb: 128, maxMemoryUsedMb: 74.6,
      initDurationMs: 166.62 }), AWS_REPORT_COLD);
  });
  it('the timeout line', () => {
    assert.equal(timeoutLine(Date.UTC(2024, 0, 2, 3, 4, 5, 678), id, 3),
      `2024-01-02T03:04:05.678Z ${id} Task timed out after 3.00 seconds`);
  });
});
