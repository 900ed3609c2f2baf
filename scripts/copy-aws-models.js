#!/usr/bin/env node
// Copies the botocore models Nimbus loads at run time into aws-models/, without their
// documentation strings (about 80% of each file), and derives the SQS query overlay.
// Usage: node scripts/copy-aws-models.js <botocore models dir> <old query-protocol sqs service-2.json>
//   e.g. /work/shared/aws-models /usr/lib/python3/dist-packages/awscli/botocore/data/sqs/2012-11-05/service-2.json
// The overlay: SQS's current model is JSON-protocol; clients that still speak the query
// protocol (Debian's aws CLI 2.9, boto3 1.26, SDK v2) use the names of the query-protocol
// model botocore shipped before (locationName, flattened, resultWrapper, error codes). The
// overlay keeps only those traits, keyed by the current model's shape names; the error codes
// are the query-compatible codes AWS publishes (awsQueryError), as in @aws-sdk/client-sqs.
'use strict';
const { readFileSync, writeFileSync, copyFileSync } = require('node:fs');
const { join } = require('node:path');

const [src, oldSqs] = process.argv.slice(2);
if (!src || !oldSqs) { console.error('usage: copy-aws-models.js <models dir> <old sqs service-2.json>'); process.exit(2); }
const out = join(__dirname, '..', 'aws-models');
const strip = (v) => Array.isArray(v) ? v.map(strip) : v && typeof v === 'object'
  ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'documentation' && k !== 'documentationUrl').map(([k, x]) => [k, strip(x)])) : v;
const files = ['ses-2010-12-01', 'sns-2010-03-31', 'sqs-2012-11-05'];
for (const f of files) writeFileSync(join(out, `${f}.json`), JSON.stringify(strip(JSON.parse(readFileSync(join(src, `${f}.json`), 'utf8')))) + '\n');
for (const f of ['LICENSE.txt', 'NOTICE']) copyFileSync(join(src, f), join(out, f));

const TRAITS = ['locationName', 'flattened'];
const pick = (o) => Object.fromEntries(TRAITS.filter((t) => o && t in o).map((t) => [t, o[t]]));
const old = JSON.parse(readFileSync(oldSqs, 'utf8'));
const cur = JSON.parse(readFileSync(join(src, 'sqs-2012-11-05.json'), 'utf8'));
const shapes = {};
for (const [name, s] of Object.entries(cur.shapes)) {
  const o = old.shapes[name];
  if (!o) continue;
  const e = {};
  if (s.type === 'list' && Object.keys(pick(o.member)).length) e.member = pick(o.member);
  if (s.type === 'map') {
    if (Object.keys(pick(o.key)).length) e.key = pick(o.key);
    if (Object.keys(pick(o.value)).length) e.value = pick(o.value);
  }
  if (s.type === 'structure') {
    const members = {};
    for (const [m, ref] of Object.entries(s.members)) if (o.members?.[m] && Object.keys(pick(o.members[m])).length) members[m] = pick(o.members[m]);
    if (Object.keys(members).length) e.members = members;
  }
  Object.assign(e, pick(o));
  if (Object.keys(e).length) shapes[name] = e;
}
// Shapes the old model did not have (newer operations), named as the query docs name them.
Object.assign(shapes, {
  MessageSystemAttributeList: { member: { locationName: 'MessageSystemAttributeName' }, flattened: true },
  ListMessageMoveTasksResultEntryList: { member: { locationName: 'ListMessageMoveTasksResultEntry' }, flattened: true },
});
const errors = {
  BatchEntryIdsNotDistinct: ['AWS.SimpleQueueService.BatchEntryIdsNotDistinct', 400], BatchRequestTooLong: ['AWS.SimpleQueueService.BatchRequestTooLong', 400],
  EmptyBatchRequest: ['AWS.SimpleQueueService.EmptyBatchRequest', 400], InvalidAddress: ['InvalidAddress', 404],
  InvalidBatchEntryId: ['AWS.SimpleQueueService.InvalidBatchEntryId', 400], InvalidSecurity: ['InvalidSecurity', 403],
  KmsAccessDenied: ['KMS.AccessDeniedException', 400], KmsDisabled: ['KMS.DisabledException', 400],
  KmsInvalidKeyUsage: ['KMS.InvalidKeyUsageException', 400], KmsInvalidState: ['KMS.InvalidStateException', 400],
  KmsNotFound: ['KMS.NotFoundException', 400], KmsOptInRequired: ['KMS.OptInRequired', 403], KmsThrottled: ['KMS.ThrottlingException', 400],
  MessageNotInflight: ['AWS.SimpleQueueService.MessageNotInflight', 400], OverLimit: ['OverLimit', 403],
  PurgeQueueInProgress: ['AWS.SimpleQueueService.PurgeQueueInProgress', 403], QueueDeletedRecently: ['AWS.SimpleQueueService.QueueDeletedRecently', 400],
  QueueDoesNotExist: ['AWS.SimpleQueueService.NonExistentQueue', 400], QueueNameExists: ['QueueAlreadyExists', 400],
  ReceiptHandleIsInvalid: ['ReceiptHandleIsInvalid', 404], RequestThrottled: ['RequestThrottled', 403],
  ResourceNotFoundException: ['ResourceNotFoundException', 404], TooManyEntriesInBatchRequest: ['AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 400],
  UnsupportedOperation: ['AWS.SimpleQueueService.UnsupportedOperation', 400],
};
for (const [name, [code, httpStatusCode]] of Object.entries(errors)) (shapes[name] ??= {}).error = { code, httpStatusCode, senderFault: true };
const operations = Object.fromEntries(Object.keys(cur.operations).filter((op) => cur.operations[op].output)
  .map((op) => [op, { output: { resultWrapper: `${op}Result` } }]));
const overlay = { metadata: { protocol: 'query', xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/' }, operations, shapes };
writeFileSync(join(out, 'sqs-2012-11-05.query-overlay.json'), JSON.stringify(overlay, null, 1) + '\n');
console.log('wrote', files.length, 'models and the SQS query overlay to', out);
