module.exports.handler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({ message: `${process.env.GREETING} from Nimbus! Your function executed successfully!`, input: event }, null, 2),
});
