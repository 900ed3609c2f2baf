// serverless.yml loader: the only module other parts import from this folder.

export { loadServerless } from './load-serverless';
export type { LoadServerlessOptions } from './load-serverless';
export { DeployError } from '../deploy-error';
