// The deployment plan: what a project (serverless.yml or SAM template.yaml) asks for,
// as plain data. Loaders build it (pure: files in, plan out); apply.ts carries it out.

export interface DeploymentPlan {
  source: { kind: 'serverless' | 'sam'; file: string; dir: string };
  /** serverless: `<service>-<stage>`; SAM: the stack name. */
  stackName: string;
  region: string;
  functions: PlannedFunction[];
  routes: PlannedRoute[];
  /** Every other resource, kept (never dropped) and reported while Nimbus does not serve its type. */
  resources: PlannedResource[];
  /** Non-fatal findings for the user (skipped plugins, ignored keys...). */
  warnings: string[];
}

export interface PlannedFunction {
  /** serverless: the key under `functions`; SAM: the logical id. */
  logicalId: string;
  functionName: string;
  runtime: string;
  handler: string;
  /** Absolute directory holding the code (CodeUri / the service directory). */
  codeDir: string;
  /** SAM InlineCode: the handler file's text (written as index.js / the handler's file). */
  inlineCode?: string;
  memorySize: number;
  timeout: number;
  environment: Record<string, string>;
  description?: string;
  reservedConcurrency?: number;
  provisionedConcurrency?: number;
  autoPublishAlias?: string;
  /** Layers in order: a literal layer version ARN, or a layer resource of the project (by logical id). */
  layers?: PlannedLayerRef[];
  /** DeadLetterConfig.TargetArn: an SQS queue or SNS topic ARN for failed asynchronous events. */
  deadLetterTargetArn?: string;
}

export type PlannedLayerRef = { arn: string } | { resource: string };

/**
 * What `Ref` of a layer resource resolves to in a plan: its version ARN exists only once the
 * layer is published, so functions' Layers carry this token, turned into a PlannedLayerRef.
 */
export const LAYER_REF_TOKEN = 'nimbus:layer-resource:';

/**
 * The label of a table's stream ARN in a plan (`!GetAtt T.StreamArn`, `.../table/<name>/stream/<label>`):
 * the real label (the stream's creation time) exists once the table is applied, so apply.ts
 * puts the table's latest stream ARN in the place of an ARN ending in this token.
 */
export const STREAM_LABEL_TOKEN = 'nimbus-stream-label';

/** A function's Layers item (a string after intrinsics) as a PlannedLayerRef. */
export function layerRef(value: string): PlannedLayerRef {
  return value.startsWith(LAYER_REF_TOKEN) ? { resource: value.slice(LAYER_REF_TOKEN.length) } : { arn: value };
}

export interface CorsConfig {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders?: string[];
  allowCredentials?: boolean;
  maxAge?: number;
}

export interface PlannedRoute {
  /** The API the route belongs to (e.g. `ServerlessHttpApi`, `ServerlessRestApi`, or a template's Api id). */
  apiId: string;
  /** `rest`: API Gateway REST API (v1 events, stage prefix in the path); `http`: HTTP API. */
  kind: 'rest' | 'http';
  payloadFormat: '1.0' | '2.0';
  /** Upper-case HTTP method, or `ANY`. */
  method: string;
  /** `/users/{id}`, `/files/{proxy+}`, or `$default` (HTTP API catch-all). */
  path: string;
  functionLogicalId: string;
  /** REST: the stage (serverless: the stage, SAM: `Prod`); HTTP API: `$default`. */
  stage: string;
  cors?: CorsConfig;
}

export interface PlannedResource {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  /** false while Nimbus does not serve this resource type (src/deploy/resources/types.ts decides). */
  supported: boolean;
  /** The template's DeletionPolicy (`Retain` keeps what the resource made when it leaves the project). */
  deletionPolicy?: string;
  /** Where the resource is written, for deploy errors: file, line, column, key path. */
  where?: { file: string; line?: number; column?: number; key: string };
}
