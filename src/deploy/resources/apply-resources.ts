// Applies the plan's served resources (after its functions) and removes those the
// previous deploy of the stack applied but the project no longer has. A resource that
// cannot be applied is a DeployError naming its file, line and key (its logical id).
import { basename } from 'node:path';
import { DeployError } from '../deploy-error';
import type { DeploymentPlan, PlannedResource } from '../plan';
import { formatPath } from '../yaml-document';
import { withStreamArns } from './dynamodb-table';
import { PropertyError, type ResourcePorts } from './port';
import { RESOURCE_TYPES } from './types';

/** What one deploy applied for a resource, stored with the stack for the next deploy. */
export interface DeployedResource { logicalId: string; type: string; state: unknown }

/**
 * Applies the resources of one phase: `before-functions` (layers), or the rest, after which
 * what the previous deploy applied and this one did not (`earlier`: the first phase's) is removed.
 */
export async function applyResources(plan: DeploymentPlan, ports: ResourcePorts, previous: DeployedResource[],
  phase: 'before-functions' | 'after-functions' = 'after-functions', earlier: DeployedResource[] = []): Promise<DeployedResource[]> {
  const applied: DeployedResource[] = [];
  const rank = (r: PlannedResource) => RESOURCE_TYPES[r.type]?.rank?.(r) ?? 0;
  const inPhase = plan.resources.filter((r) => r.supported && (RESOURCE_TYPES[r.type]?.phase ?? 'after-functions') === phase);
  for (const r of inPhase.map((x, i) => ({ x, i })).sort((a, b) => rank(a.x) - rank(b.x) || a.i - b.i).map(({ x }) => x)) {
    const type = RESOURCE_TYPES[r.type];
    if (!type?.apply) continue;
    const apply = type.apply;
    const before = previous.find((p) => p.logicalId === r.logicalId && p.type === r.type);
    // A table's stream ARN (`!GetAtt T.StreamArn`) is known once the table is applied.
    const state = await located(plan, r, () => apply({ ...r, properties: withStreamArns(r.properties, [...earlier, ...applied]) }, ports, before?.state));
    applied.push({ logicalId: r.logicalId, type: r.type, state });
  }
  if (phase === 'before-functions') return applied;
  for (const p of previous) {
    const now = [...earlier, ...applied];
    if (now.some((a) => a.logicalId === p.logicalId && a.type === p.type)) continue;
    // The same physical resource under a new logical id (e.g. a queue moved to another key) is owned by it now.
    if (now.some((a) => a.type === p.type && JSON.stringify(a.state) === JSON.stringify(p.state))) continue;
    const gone: PlannedResource = { logicalId: p.logicalId, type: p.type, properties: {}, supported: true };
    await located(plan, gone, () => RESOURCE_TYPES[p.type]?.remove?.(p.state, ports) ?? Promise.resolve());
  }
  return applied;
}

async function located<T>(plan: DeploymentPlan, r: PlannedResource, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (!(e instanceof PropertyError)) throw e;
    const where = r.where ?? { file: basename(plan.source.file),
      key: plan.source.kind === 'sam' ? `Resources.${r.logicalId}` : `resources.Resources.${r.logicalId}` };
    const key = formatPath([where.key, 'Properties', ...e.path]);
    throw new DeployError(e.message, { ...where, key });
  }
}
