// Points the AWS SDK for JavaScript v2 (`aws-sdk`), which ignores AWS_ENDPOINT_URL, at this
// Nimbus without touching the user's code: when the function first loads `aws-sdk` (or one
// of its `aws-sdk/clients/*`), the SDK's global configuration gets the endpoint, with path-
// style S3 addressing. A client given its own `endpoint` keeps it. SDK v3 and boto3 read
// AWS_ENDPOINT_URL themselves.
import Module = require('node:module');

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
interface SdkCore { config?: { update?: (options: Record<string, unknown>) => void } }

export function redirectSdkV2(endpoint: string): void {
  const loader = Module as unknown as { _load: Load };
  const load = loader._load;
  const patched = new WeakSet<object>();
  loader._load = function (this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    const exported = load.call(this, request, parent, isMain);
    if (request === 'aws-sdk' || request.startsWith('aws-sdk/')) {
      try {
        // The global AWS object of the copy the caller resolved (aws-sdk/lib/core).
        const core = load.call(this, 'aws-sdk/lib/core', parent, false) as SdkCore;
        if (core && !patched.has(core) && typeof core.config?.update === 'function') {
          patched.add(core);
          core.config.update({ endpoint, s3ForcePathStyle: true });
        }
      } catch {
        // Not the SDK v2 after all: nothing to redirect.
      }
    }
    return exported;
  };
}
