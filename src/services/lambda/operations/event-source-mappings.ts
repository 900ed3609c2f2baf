// CreateEventSourceMapping (202), GetEventSourceMapping, ListEventSourceMappings,
// UpdateEventSourceMapping (202) and DeleteEventSourceMapping (202, State Deleting) under
// /2015-03-31/event-source-mappings, on event-sources/ (the mappings and their pollers).
import type { EventSourceMappingsApi } from '../../../event-sources/event-source-mappings';
import { mappingShape, type MappingSettings } from '../../../event-sources/mapping';
import { ServiceException } from '../../../registry/errors';
import { stringViolations, throwViolations } from '../../../registry/validate';
import { functionNameViolations, pageParams } from '../common';
import { requireMembers, type Members } from '../input';
import type { Operation, OperationRequest } from '../operation';

const PATH = '/2015-03-31/event-source-mappings';
const ARN_PATTERN = String.raw`arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)`;

function mappings(r: OperationRequest): EventSourceMappingsApi {
  if (!r.deps.eventSourceMappings) throw new ServiceException('Event source mappings are not available in this server');
  return r.deps.eventSourceMappings;
}

/** The settings members of Create and Update (undefined: not given; ScalingConfig {} clears the maximum). */
function settings(m: Members): MappingSettings {
  const s: MappingSettings = {
    batchSize: m.integer('BatchSize'),
    maximumBatchingWindowInSeconds: m.integer('MaximumBatchingWindowInSeconds'),
    enabled: m.boolean('Enabled'),
    functionResponseTypes: m.stringList('FunctionResponseTypes'),
  };
  const filters = m.struct('FilterCriteria');
  if (filters) {
    const list = filters.json.Filters;
    s.filterCriteria = { Filters: Array.isArray(list) ? list.map((f) => ({ Pattern: (f as { Pattern?: string } | null)?.Pattern })) : [] };
  }
  const startingPosition = m.string('StartingPosition');
  if (startingPosition !== undefined) s.startingPosition = startingPosition;
  for (const [key, member] of [['maximumRetryAttempts', 'MaximumRetryAttempts'], ['maximumRecordAgeInSeconds', 'MaximumRecordAgeInSeconds'],
    ['parallelizationFactor', 'ParallelizationFactor']] as const) {
    const v = m.integer(member);
    if (v !== undefined) s[key] = v;
  }
  const bisect = m.boolean('BisectBatchOnFunctionError');
  if (bisect !== undefined) s.bisectBatchOnFunctionError = bisect;
  const destination = m.struct('DestinationConfig');
  if (destination) {
    const onFailure = (destination.json.OnFailure ?? undefined) as { Destination?: unknown } | undefined;
    s.destinationConfig = { OnFailure: typeof onFailure?.Destination === 'string' ? { Destination: onFailure.Destination } : {} };
  }
  const scaling = m.struct('ScalingConfig');
  if (scaling) s.maximumConcurrency = scaling.integer('MaximumConcurrency') ?? null;
  return s;
}

function functionName(m: Members): string | undefined {
  const name = m.string('FunctionName');
  if (name !== undefined) throwViolations(functionNameViolations(name, true));
  return name;
}

export const createEventSourceMapping: Operation = {
  name: 'CreateEventSourceMapping', method: 'POST', path: PATH,
  async run(r) {
    const m = await r.body();
    const name = functionName(m);
    requireMembers({ functionName: name });
    const eventSourceArn = m.string('EventSourceArn');
    if (eventSourceArn !== undefined) throwViolations(stringViolations('eventSourceArn', eventSourceArn, { pattern: ARN_PATTERN }));
    const created = await mappings(r).create({ ...settings(m), functionName: name!, eventSourceArn });
    return { status: 202, json: mappingShape(created, r.deps.account) };
  },
};

export const getEventSourceMapping: Operation = {
  name: 'GetEventSourceMapping', method: 'GET', path: `${PATH}/{UUID}`,
  async run(r) {
    return { status: 200, json: mappingShape(mappings(r).get(r.params.UUID), r.deps.account) };
  },
};

export const listEventSourceMappings: Operation = {
  name: 'ListEventSourceMappings', method: 'GET', path: PATH,
  async run(r) {
    const { marker, maxItems } = pageParams(r);
    const eventSourceArn = r.query.get('EventSourceArn') ?? undefined;
    const fn = r.query.get('FunctionName') ?? undefined;
    if (fn !== undefined) throwViolations(functionNameViolations(fn, true));
    const page = mappings(r).list({ eventSourceArn, functionName: fn, marker, maxItems });
    return { status: 200, json: { EventSourceMappings: page.mappings.map((x) => mappingShape(x, r.deps.account)),
      ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}) } };
  },
};

export const updateEventSourceMapping: Operation = {
  name: 'UpdateEventSourceMapping', method: 'PUT', path: `${PATH}/{UUID}`,
  async run(r) {
    const m = await r.body();
    const updated = await mappings(r).update(r.params.UUID, { ...settings(m), functionName: functionName(m) });
    return { status: 202, json: mappingShape(updated, r.deps.account) };
  },
};

export const deleteEventSourceMapping: Operation = {
  name: 'DeleteEventSourceMapping', method: 'DELETE', path: `${PATH}/{UUID}`,
  async run(r) {
    return { status: 202, json: mappingShape(await mappings(r).delete(r.params.UUID), r.deps.account) };
  },
};
