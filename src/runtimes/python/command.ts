// Placeholder until the Python runtime lands: how a python3.x environment is started.
import type { FunctionVersion } from '../../registry/model';
import type { RuntimeCommand } from '../../pool/runtimes';

export function pythonCommand(config: FunctionVersion): RuntimeCommand {
  throw new Error(`the ${config.runtime} runtime is not built yet`);
}
