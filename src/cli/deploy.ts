// `nimbus deploy [dir]` (into the running server, else straight into the data dir) and
// `nimbus dev [dir]` (start, deploy, print the endpoints, redeploy on every change).
import { resolve } from 'node:path';
import type { DeployOutcome } from '../deploy/deployer';
import { startNimbus, type NimbusOptions } from '../main';
import { CliError, expectOk, findEndpoint, request } from './endpoint';
import { watchTree } from './watch-tree';

export interface DeployFlags { stage?: string; stackName?: string }

export function printOutcome(o: DeployOutcome, out: NodeJS.WritableStream): void {
  out.write(`deployed ${o.stackName}: ${o.functions.length} function(s)\n`);
  for (const f of o.functions) out.write(`  function ${f.functionName}\n`);
  for (const e of o.endpoints) out.write(`  ${e.method.padEnd(6)} ${e.url}  → ${e.functionName}\n`);
  for (const n of o.notices) out.write(`  note: ${n}\n`);
}

export async function deployCommand(dir: string, o: DeployFlags & { endpoint?: string; dataDir?: string },
  out: NodeJS.WritableStream): Promise<number> {
  let endpoint: string | undefined;
  try { endpoint = findEndpoint(o); } catch { endpoint = undefined; }
  if (endpoint) {
    const res = await request(endpoint, '/_nimbus/deploy', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dir: resolve(dir), stage: o.stage, stackName: o.stackName }) });
    if (res.status === 400) throw new CliError(((await res.json()) as { message: string }).message);
    printOutcome((await (await expectOk(res)).json()) as DeployOutcome, out);
    return 0;
  }
  // No server: deploy into the data dir; the next `nimbus start` serves it.
  const server = await startNimbus({ dataDir: o.dataDir, port: 0, httpPort: 0, log: () => {} });
  try {
    printOutcome(await server.deployer.deploy(dir, o), out);
  } finally {
    await server.stop();
  }
  return 0;
}

export async function devCommand(dir: string, o: NimbusOptions & DeployFlags, out: NodeJS.WritableStream): Promise<number> {
  const server = await startNimbus(o);
  out.write(`nimbus ready aws=${server.awsUrl} http=${server.httpUrl}\n`);
  const deploy = async () => {
    try {
      const t0 = performance.now();
      const outcome = await server.deployer.deploy(dir, o);
      printOutcome(outcome, out);
      out.write(`  (${(performance.now() - t0).toFixed(0)} ms)\n`);
    } catch (err) {
      out.write(`nimbus: ${(err as Error).message}\n`); // keep watching: the next save may fix it
    }
  };
  await deploy();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const watcher = watchTree(resolve(dir), () => {
    clearTimeout(timer);
    timer = setTimeout(() => { running = running.then(deploy); }, 30);
  });
  out.write(`watching ${resolve(dir)} for changes\n`);
  await new Promise<void>((r) => { process.once('SIGINT', () => r()); process.once('SIGTERM', () => r()); });
  watcher.close();
  await running;
  await server.stop();
  return 0;
}
