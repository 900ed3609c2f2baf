// The event source mappings as deployments use them (deploy/resources/port.ts): the same
// operations and errors as the Lambda API, in-process.
import type { EventSourceMappingPort } from '../deploy/resources/port';
import type { EventSourceMappingsApi } from './event-source-mappings';

export function mappingDeployPort(api: EventSourceMappingsApi): EventSourceMappingPort {
  return {
    async create(req) { return (await api.create(req)).uuid; },
    async update(uuid, req) { await api.update(uuid, req); },
    async delete(uuid) { await api.delete(uuid); },
    async exists(uuid) {
      try { api.get(uuid); return true; } catch { return false; }
    },
  };
}
