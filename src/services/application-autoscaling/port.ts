// The one effect of Application Auto Scaling on Lambda: setting a function's provisioned
// concurrency. The lead wires it to the pool/registry; tests record the calls.

export interface ProvisionedConcurrencyPort {
  /** Sets the provisioned concurrency of a function version or alias (0 removes it). Throws an AwsError for an unknown function or qualifier. */
  setProvisionedConcurrency(functionName: string, qualifier: string, n: number): Promise<void>;
}
