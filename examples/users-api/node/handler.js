// The users API: GET /users/{id} reads a user, POST /users creates one, with the AWS SDK v3
// Document client (@aws-sdk/lib-dynamodb) over the table named by TABLE_NAME (the deploy sets
// it from `!Ref UsersTable`). The SDK comes with the runtime (on AWS and on Nimbus, where
// AWS_ENDPOINT_URL points it at Nimbus): nothing to bundle.
const { randomUUID } = require('node:crypto');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand, PutCommand } = require('@aws-sdk/lib-dynamodb');

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.TABLE_NAME;

const response = (statusCode, body) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

exports.getUser = async (event) => {
  const id = event.pathParameters?.id;
  const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: { id } }));
  return Item ? response(200, Item) : response(404, { message: `user ${id} not found` });
};

/** Why a new user is invalid, or undefined. */
function problem(data) {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'the body must be a JSON object';
  if (typeof data.name !== 'string' || data.name.trim() === '') return 'name is required (a non-empty string)';
  if (typeof data.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(data.email)) return 'email is required (an email address)';
  if ('id' in data && (typeof data.id !== 'string' || data.id === '')) return 'id, when given, must be a non-empty string';
  return undefined;
}

exports.createUser = async (event) => {
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body ?? '';
  let data;
  try { data = JSON.parse(body); } catch { return response(400, { message: 'the body must be JSON' }); }
  const why = problem(data);
  if (why) return response(400, { message: why });
  const user = { id: data.id || randomUUID(), name: data.name.trim(), email: data.email, createdAt: new Date().toISOString() };
  try {
    await doc.send(new PutCommand({ TableName: TABLE, Item: user, ConditionExpression: 'attribute_not_exists(id)' }));
  } catch (err) {
    if (err.name === 'ConditionalCheckFailedException') return response(409, { message: `user ${user.id} already exists` });
    throw err;
  }
  return response(201, user);
};
