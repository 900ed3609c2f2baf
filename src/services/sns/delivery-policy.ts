// SNS's delivery retry policies (pure): the four phases (immediate, pre-backoff at the
// minimum delay, backoff from minimum to maximum, post-backoff at the maximum), the default
// for HTTP/S (3 retries 20 s apart, or the topic's or subscription's DeliveryPolicy) and the
// fixed one for AWS-managed endpoints (SQS, Lambda: 3 immediate, 2 after 1 s, 10 backing off
// to 20 s, then 100,000 every 20 s). Email is treated like HTTP.
import type { Protocol } from './model';

export interface RetryPolicy {
  numRetries: number;
  numNoDelayRetries: number;
  numMinDelayRetries: number;
  numMaxDelayRetries: number;
  minDelayTarget: number;
  maxDelayTarget: number;
  backoffFunction: 'linear' | 'arithmetic' | 'geometric' | 'exponential';
}

export const DEFAULT_HTTP_POLICY: RetryPolicy = { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0,
  numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear' };
export const MANAGED_POLICY: RetryPolicy = { minDelayTarget: 1, maxDelayTarget: 20, numRetries: 100_015, numNoDelayRetries: 3,
  numMinDelayRetries: 2, numMaxDelayRetries: 100_000, backoffFunction: 'exponential' };

/** The topic's default EffectiveDeliveryPolicy (GetTopicAttributes). */
export const DEFAULT_TOPIC_DELIVERY_POLICY = JSON.stringify({ http: { defaultHealthyRetryPolicy: DEFAULT_HTTP_POLICY,
  disableSubscriptionOverrides: false, defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' } } });

const parse = (text: string | undefined): Record<string, any> | undefined => {
  if (!text) return undefined;
  try { const v = JSON.parse(text); return v && typeof v === 'object' ? v : undefined; } catch { return undefined; }
};

/** The policy a delivery follows: managed for SQS/Lambda, else the subscription's over the topic's over the default. */
export function retryPolicyFor(protocol: Protocol, topicPolicy?: string, subscriptionPolicy?: string): RetryPolicy {
  if (protocol === 'sqs' || protocol === 'lambda') return MANAGED_POLICY;
  const topic = parse(topicPolicy)?.http;
  const sub = topic?.disableSubscriptionOverrides ? undefined : parse(subscriptionPolicy)?.healthyRetryPolicy;
  return { ...DEFAULT_HTTP_POLICY, ...(topic?.defaultHealthyRetryPolicy ?? {}), ...(sub ?? {}) };
}

/** The delay before retry number `retry` (1-based), in ms; undefined once the retries are spent. */
export function retryDelayMs(p: RetryPolicy, retry: number): number | undefined {
  if (retry < 1 || retry > p.numRetries) return undefined;
  const min = p.minDelayTarget * 1000;
  const max = Math.max(min, p.maxDelayTarget * 1000);
  if (retry <= p.numNoDelayRetries) return 0;
  if (retry <= p.numNoDelayRetries + p.numMinDelayRetries) return min;
  const backoffRetries = Math.max(0, p.numRetries - p.numNoDelayRetries - p.numMinDelayRetries - p.numMaxDelayRetries);
  const k = retry - p.numNoDelayRetries - p.numMinDelayRetries;
  if (k > backoffRetries) return max;
  if (backoffRetries <= 1) return max;
  const f = (k - 1) / (backoffRetries - 1);
  if (p.backoffFunction === 'linear' || p.backoffFunction === 'arithmetic') return Math.round(min + (max - min) * f);
  return Math.round(Math.min(max, Math.max(min, 1) * Math.pow(max / Math.max(min, 1), f)));
}
