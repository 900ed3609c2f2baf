// The SAM loader: template.yaml → DeploymentPlan. Only this file is imported by others.
export { loadSam } from './load-sam';
export type { SamOptions } from './load-sam';
export { DeployError } from '../deploy-error';
