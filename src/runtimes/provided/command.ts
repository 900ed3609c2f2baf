// Placeholder until the custom runtimes lands: how a custom runtime (provided*) environment is started.
import type { FunctionVersion } from '../../registry/model';
import type { RuntimeCommand } from '../../pool/runtimes';

export function providedCommand(config: FunctionVersion): RuntimeCommand {
  throw new Error(`the ${config.runtime} runtime is not built yet`);
}
