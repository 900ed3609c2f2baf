// GetAccountSettings (GET /2016-08-19/account-settings): Lambda's default limits and
// this account's usage; the concurrency limits are Nimbus's (--concurrency-limit).
import type { Operation } from '../operation';

export const getAccountSettings: Operation = {
  name: 'GetAccountSettings',
  method: 'GET',
  path: '/2016-08-19/account-settings',
  async run(r) {
    const usage = r.deps.registry.accountUsage();
    const limits = r.deps.concurrency.limits();
    return {
      status: 200,
      json: {
        AccountLimit: {
          TotalCodeSize: 80_530_636_800,
          CodeSizeUnzipped: 262_144_000,
          CodeSizeZipped: 52_428_800,
          ConcurrentExecutions: limits.concurrentExecutions,
          UnreservedConcurrentExecutions: limits.unreservedConcurrentExecutions,
        },
        AccountUsage: { TotalCodeSize: usage.totalCodeSize, FunctionCount: usage.functionCount },
      },
    };
  },
};
