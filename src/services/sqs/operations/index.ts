// Every SQS operation by its API name. AddPermission/RemovePermission are accepted and
// ignored (Nimbus does not evaluate queue policies).
import type { SqsOperation } from '../context';
import { changeMessageVisibility, changeMessageVisibilityBatch, deleteMessage, deleteMessageBatch } from './delete-ops';
import { cancelMessageMoveTask, listMessageMoveTasks, startMessageMoveTask } from './move-task-ops';
import { getQueueAttributes, listQueueTags, setQueueAttributes, tagQueue, untagQueue } from './queue-attribute-ops';
import { createQueue, deleteQueue, getQueueUrl, listDeadLetterSourceQueues, listQueues, purgeQueue } from './queue-ops';
import { receiveMessage } from './receive-ops';
import { sendMessage, sendMessageBatch } from './send-ops';
import { requiredString } from '../context';

const acceptPermission: SqsOperation = async (ctx, input) => {
  await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  requiredString(input, 'Label');
  return {};
};

export const SQS_OPERATIONS: Readonly<Record<string, SqsOperation>> = {
  CreateQueue: createQueue, GetQueueUrl: getQueueUrl, ListQueues: listQueues, DeleteQueue: deleteQueue,
  GetQueueAttributes: getQueueAttributes, SetQueueAttributes: setQueueAttributes, PurgeQueue: purgeQueue,
  TagQueue: tagQueue, UntagQueue: untagQueue, ListQueueTags: listQueueTags,
  ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
  SendMessage: sendMessage, SendMessageBatch: sendMessageBatch, ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage, DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibility, ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
  StartMessageMoveTask: startMessageMoveTask, ListMessageMoveTasks: listMessageMoveTasks, CancelMessageMoveTask: cancelMessageMoveTask,
  AddPermission: acceptPermission, RemovePermission: acceptPermission,
};
