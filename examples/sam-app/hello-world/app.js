// The SAM hello-world handler: answers every event with a JSON message.
exports.lambdaHandler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({ message: 'hello world', path: event.path ?? event.rawPath }),
});
