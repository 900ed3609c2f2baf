// `nimbus start`: runs the server in this process until SIGINT/SIGTERM.
import { EXAMPLE_DIR, startNimbus, type NimbusOptions } from '../main';

export async function startCommand(o: NimbusOptions & { example: boolean }): Promise<number> {
  const server = await startNimbus(o);
  if (o.example) {
    await server.registry.deployFromDirectory({ functionName: 'hello', runtime: 'nodejs20.x', handler: 'index.handler',
      dir: EXAMPLE_DIR, description: 'The Nimbus example function' });
  }
  process.stdout.write(`nimbus ready aws=${server.awsUrl} http=${server.httpUrl}\n`);
  if (o.example) {
    process.stdout.write('example function "hello" deployed; try: npx nimbus invoke hello --payload \'{"name":"you"}\' --log\n');
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.stop();
  return 0;
}
