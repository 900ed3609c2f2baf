"""The users API: GET /users/{id} reads a user, POST /users creates one.

boto3's resource API over the table named by TABLE_NAME (the deploy sets it from
`!Ref UsersTable`). boto3 comes with the runtime (on AWS and on Nimbus, where
AWS_ENDPOINT_URL points it at Nimbus): nothing to bundle.
"""
import base64
import datetime
import decimal
import json
import os
import re
import uuid

import boto3
from botocore.exceptions import ClientError

table = boto3.resource('dynamodb').Table(os.environ['TABLE_NAME'])

EMAIL = re.compile(r'^[^@\s]+@[^@\s]+$')


def _json_default(value):
    # The resource API reads numbers as Decimal.
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f'{type(value).__name__} is not JSON serializable')


def response(status, body):
    return {
        'statusCode': status,
        'headers': {'content-type': 'application/json'},
        'body': json.dumps(body, default=_json_default),
    }


def get_user(event, context):
    user_id = (event.get('pathParameters') or {}).get('id')
    item = table.get_item(Key={'id': user_id}).get('Item')
    if item is None:
        return response(404, {'message': f'user {user_id} not found'})
    return response(200, item)


def problem(data):
    """Why a new user is invalid, or None."""
    if not isinstance(data, dict):
        return 'the body must be a JSON object'
    if not isinstance(data.get('name'), str) or not data['name'].strip():
        return 'name is required (a non-empty string)'
    if not isinstance(data.get('email'), str) or not EMAIL.match(data['email']):
        return 'email is required (an email address)'
    if 'id' in data and (not isinstance(data['id'], str) or not data['id']):
        return 'id, when given, must be a non-empty string'
    return None


def create_user(event, context):
    body = event.get('body') or ''
    if event.get('isBase64Encoded'):
        body = base64.b64decode(body).decode('utf-8')
    try:
        data = json.loads(body)
    except ValueError:
        return response(400, {'message': 'the body must be JSON'})
    why = problem(data)
    if why:
        return response(400, {'message': why})
    user = {
        'id': data.get('id') or str(uuid.uuid4()),
        'name': data['name'].strip(),
        'email': data['email'],
        'createdAt': datetime.datetime.now(datetime.timezone.utc).isoformat(),
    }
    try:
        table.put_item(Item=user, ConditionExpression='attribute_not_exists(id)')
    except ClientError as err:
        if err.response['Error']['Code'] == 'ConditionalCheckFailedException':
            return response(409, {'message': f"user {user['id']} already exists"})
        raise
    return response(201, user)
