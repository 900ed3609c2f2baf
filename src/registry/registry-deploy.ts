// deployFromDirectory: a function made to match a local directory and configuration
// (for `nimbus start --example` and deploys). The directory is zipped at once, so later
// edits of it change nothing deployed; unchanged code or configuration is left alone.
import { sha256Base64, zipDirectory } from './code-bundle';
import type { VersionRecord } from './records';
import type { Registry } from './registry';
import { configDiffers, deployChanges, type DeployInput } from './registry-inputs';

export async function deployFromDirectory(r: Registry, o: DeployInput): Promise<VersionRecord> {
  const zip = await zipDirectory(o.dir);
  const desired = deployChanges(o);
  const existing = r.functions.get(o.functionName) ?? await r.loadMissing(o.functionName);
  if (!existing) {
    return r.createFunction({ ...desired, functionName: o.functionName, role: r.defaultRole(), code: { zipFile: zip } });
  }
  if (existing.latest.codeSha256 !== sha256Base64(zip)) await r.updateFunctionCode(o.functionName, { zipFile: zip });
  const latest = (await r.mustGet(o.functionName)).latest;
  return configDiffers(desired, latest) ? r.updateFunctionConfiguration(o.functionName, desired) : latest;
}
