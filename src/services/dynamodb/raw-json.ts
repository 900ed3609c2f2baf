// Items as stored JSON text, spliced into the answer without a parse and a re-serialisation
// (Query, Scan and GetItem answer most items exactly as stored). `toWire` renders a result
// object whose members may hold RawItem / RawItems.
export class RawItem { constructor(readonly json: string) {} }
export class RawItems { constructor(readonly json: string[]) {} }

export function toWire(result: unknown): string {
  if (!result || typeof result !== 'object') return JSON.stringify(result ?? {});
  const raws: [string, string][] = [];
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result as Record<string, unknown>)) {
    if (v instanceof RawItem) raws.push([k, v.json]);
    else if (v instanceof RawItems) raws.push([k, `[${v.json.join(',')}]`]);
    else rest[k] = v;
  }
  const base = JSON.stringify(rest);
  if (raws.length === 0) return base;
  const extra = raws.map(([k, json]) => `${JSON.stringify(k)}:${json}`).join(',');
  return base === '{}' ? `{${extra}}` : `{${extra},${base.slice(1)}`;
}
