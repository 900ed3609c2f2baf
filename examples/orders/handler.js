// The order pipeline's functions. `processOrders` is triggered by the orders queue (batches
// of 10, ReportBatchItemFailures): it validates each order, writes the valid ones to the
// orders table and emails a confirmation through SES; the orders it could not process go
// back as batchItemFailures, so SQS retries only those. SQS delivers at least once, so the
// write is conditional (attribute_not_exists(orderId)): a redelivered order is not written
// twice, and is confirmed only if its confirmation was not sent yet (confirmedAt).
// `placeOrder` (POST /orders) validates nothing and enqueues the order.
// The AWS SDK v3 clients come from the runtime (on AWS and on Nimbus): nothing to bundle.
const { SQSClient, GetQueueUrlCommand, SendMessageCommand } = require('@aws-sdk/client-sqs');
const { SESClient, SendEmailCommand } = require('@aws-sdk/client-ses');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');

const sqs = new SQSClient({});
const ses = new SESClient({});
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.ORDERS_TABLE_NAME;

/** Queue URLs by name, looked up once per environment. */
const urls = new Map();
function queueUrl(name) {
  if (!urls.has(name)) {
    urls.set(name, sqs.send(new GetQueueUrlCommand({ QueueName: name })).then((r) => r.QueueUrl)
      .catch((err) => { urls.delete(name); throw err; }));
  }
  return urls.get(name);
}

/** Why an order cannot be processed, or undefined when it is valid. */
function invalid(order) {
  if (order === null || typeof order !== 'object') return 'not a JSON object';
  if (typeof order.orderId !== 'string' || order.orderId === '') return 'missing orderId';
  if (typeof order.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(order.email)) return 'missing or invalid email';
  if (!Array.isArray(order.items) || order.items.length === 0) return 'no items';
  return undefined;
}

const total = (order) => order.items.reduce((sum, i) => sum + Number(i.price ?? 0) * Number(i.quantity ?? 1), 0);

/** Writes the order unless it is in the table already; returns the stored order. */
async function write(processed) {
  try {
    await doc.send(new PutCommand({ TableName: TABLE, Item: processed, ConditionExpression: 'attribute_not_exists(orderId)' }));
    return processed;
  } catch (err) {
    if (err.name !== 'ConditionalCheckFailedException') throw err;
    const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: { orderId: processed.orderId }, ConsistentRead: true }));
    console.log(`order ${processed.orderId} is already in the table (a redelivery): not written again`);
    return Item;
  }
}

async function processOrder(record) {
  let order;
  try { order = JSON.parse(record.body); } catch { order = undefined; }
  const problem = invalid(order);
  if (problem) throw new Error(`order ${record.messageId}: ${problem}`);
  const stored = await write({ ...order, total: total(order), processedAt: new Date().toISOString() });
  if (stored.confirmedAt) return;
  await ses.send(new SendEmailCommand({
    Source: process.env.FROM_ADDRESS,
    Destination: { ToAddresses: [stored.email] },
    Message: {
      Subject: { Data: `Order ${stored.orderId} confirmed` },
      Body: { Text: { Data: `Thank you for your order ${stored.orderId}: ${stored.items.length} item(s), total ${stored.total.toFixed(2)}.` } },
    },
  }));
  await doc.send(new UpdateCommand({ TableName: TABLE, Key: { orderId: stored.orderId },
    UpdateExpression: 'SET confirmedAt = :now', ExpressionAttributeValues: { ':now': new Date().toISOString() } }));
}

exports.processOrders = async (event) => {
  const batchItemFailures = [];
  await Promise.all(event.Records.map(async (record) => {
    try {
      await processOrder(record);
    } catch (err) {
      console.error(`could not process ${record.messageId} (receive ${record.attributes.ApproximateReceiveCount}): ${err.message}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }));
  return { batchItemFailures };
};

exports.placeOrder = async (event) => {
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body ?? '';
  const r = await sqs.send(new SendMessageCommand({ QueueUrl: await queueUrl(process.env.ORDERS_QUEUE_NAME), MessageBody: body }));
  return { statusCode: 202, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId: r.MessageId }) };
};
