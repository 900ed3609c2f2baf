// GetAccountSettings (GET /2016-08-19/account-settings): Lambda's default limits and
// this account's usage.
import type { Operation } from '../operation';

export const getAccountSettings: Operation = {
  name: 'GetAccountSettings',
  method: 'GET',
  path: '/2016-08-19/account-settings',
  async run(r) {
    const usage = r.deps.registry.accountUsage();
    return {
      status: 200,
      json: {
        AccountLimit: {
          TotalCodeSize: 80_530_636_800,
          CodeSizeUnzipped: 262_144_000,
          CodeSizeZipped: 52_428_800,
          ConcurrentExecutions: 1000,
          UnreservedConcurrentExecutions: 1000,
        },
        AccountUsage: { TotalCodeSize: usage.totalCodeSize, FunctionCount: usage.functionCount },
      },
    };
  },
};
