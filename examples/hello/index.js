// The example function: greets whoever the event names, and counts how often this
// execution environment has been used (module-level state survives warm invocations).
let invocations = 0;
const startedAt = new Date().toISOString();

exports.handler = async (event, context) => {
  invocations += 1;
  console.log(`hello invoked with ${JSON.stringify(event)}`);
  return {
    message: `Hello, ${event && event.name ? event.name : 'world'}!`,
    requestId: context.awsRequestId,
    environmentStartedAt: startedAt,
    invocationsInThisEnvironment: invocations,
  };
};
