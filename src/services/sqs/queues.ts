// The queue directory: finds queues by URL, name or ARN (cached briefly: every request
// looks its queue up, and other nodes may change queues on a shared PostgreSQL), creates,
// updates and deletes them. Unknown queues are QueueDoesNotExist.
import { hexId } from '../../kernel/ids';
import type { Clock } from '../../kernel/clock';
import { noQueue } from './errors';
import { nameFromArn, queueArn, type Queue } from './model';
import type { QueueStore } from './store';

const CACHE_MS = 1000;

export interface SqsAccount { accountId: string; region: string }

export class Queues {
  private cache = new Map<string, { queue: Queue | undefined; at: number }>();

  constructor(readonly store: QueueStore, readonly clock: Clock, readonly account: SqsAccount) {}

  arnOf(name: string): string { return queueArn(this.account.region, this.account.accountId, name); }

  urlOf(endpoint: string, name: string): string { return `${endpoint}/${this.account.accountId}/${name}`; }

  /** The queue a QueueUrl names (`http://host/<account>/<name>`; a bare name is accepted too). */
  async byUrl(url: string): Promise<Queue> {
    const name = this.nameInUrl(url);
    if (name === undefined) throw noQueue();
    return this.byName(name);
  }

  async byArn(arn: string): Promise<Queue> {
    const name = nameFromArn(arn, this.account.region, this.account.accountId);
    if (name === undefined) throw noQueue();
    return this.byName(name);
  }

  async byName(name: string): Promise<Queue> {
    const q = await this.find(name);
    if (!q) throw noQueue();
    return q;
  }

  async find(name: string): Promise<Queue | undefined> {
    const now = this.clock.monotonic();
    const hit = this.cache.get(name);
    if (hit && now - hit.at < CACHE_MS) return hit.queue;
    const queue = await this.store.get(name);
    this.cache.set(name, { queue, at: now });
    return queue;
  }

  nameInUrl(url: string): string | undefined {
    if (!url.includes('/')) return url;
    let path: string;
    try { path = new URL(url).pathname; } catch { return undefined; }
    const parts = path.split('/').filter(Boolean);
    if (parts.length !== 2 || parts[0] !== this.account.accountId) return undefined;
    return decodeURIComponent(parts[1]);
  }

  /** Creates the queue; returns the existing one instead when the name is taken. */
  async create(name: string, fifo: boolean, attributes: Record<string, string>, tags: Record<string, string>): Promise<{ queue: Queue; created: boolean }> {
    const now = this.clock.now();
    const queue: Queue = { qid: hexId(8), name, arn: this.arnOf(name), fifo, attributes, tags, createdAt: now, modifiedAt: now, purgedAt: null };
    this.cache.delete(name);
    if (await this.store.create(queue)) return { queue, created: true };
    return { queue: await this.byName(name), created: false };
  }

  async update(queue: Queue): Promise<void> {
    await this.store.update(queue);
    this.cache.delete(queue.name);
  }

  async delete(queue: Queue): Promise<void> {
    this.cache.delete(queue.name);
    await this.store.delete(queue);
    this.cache.delete(queue.name);
  }
}
