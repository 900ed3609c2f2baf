// Stands in for a custom runtime whose bootstrap cannot be started (command.ts): it reports
// Lambda's Init error through the environment's Runtime API, so the invoke is answered with
// Runtime.InvalidEntrypoint as on Lambda, through the same path as any runtime's Init error.
// Run by plain node: builtins only. Usage: node report-init-error.js <errorType> <errorMessage>
import { request } from 'node:http';

function main(): void {
  const [errorType, errorMessage] = process.argv.slice(2);
  const api = process.env.AWS_LAMBDA_RUNTIME_API ?? '';
  const colon = api.lastIndexOf(':');
  const body = Buffer.from(JSON.stringify({ errorMessage, errorType }));
  const req = request({
    host: api.slice(0, colon), port: Number(api.slice(colon + 1)), method: 'POST',
    path: '/2018-06-01/runtime/init/error',
    headers: {
      'Content-Type': 'application/json', 'Content-Length': body.length,
      'Lambda-Runtime-Function-Error-Type': errorType,
    },
  }, (res) => {
    res.resume();
    res.on('end', () => process.exit(0));
  });
  // The platform is gone or refused: nothing else to do, the environment is failing anyway.
  req.on('error', () => process.exit(1));
  req.end(body);
}

main();
