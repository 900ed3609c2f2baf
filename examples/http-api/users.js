// Returns a plain object: the HTTP API infers a 200 JSON response from it (payload 2.0).
module.exports.get = async (event) => ({ id: event.pathParameters.id, query: event.queryStringParameters || {} });
