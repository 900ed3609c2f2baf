// Which version an alias invocation runs: with RoutingConfig.AdditionalVersionWeights
// {"2": 0.1}, version 2 takes a tenth of the invocations and the alias's own version
// the rest. Pure: the caller supplies the random draw in [0, 1).
import type { AliasRecord } from './records';

export function pickAliasVersion(alias: Pick<AliasRecord, 'functionVersion' | 'weights'>, draw: number): string {
  let upTo = 0;
  for (const [version, weight] of Object.entries(alias.weights)) {
    upTo += weight;
    if (draw < upTo) return version;
  }
  return alias.functionVersion;
}
