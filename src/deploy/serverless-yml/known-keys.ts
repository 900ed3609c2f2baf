// The keys serverless.yml may hold at each level (Serverless Framework v3/v4), so an
// unknown key can be reported, with the closest known key when it looks like a typo.
// Being known does not mean Nimbus acts on a key: see load-serverless.ts for that.

export const TOP_LEVEL_KEYS = [
  'service', 'frameworkVersion', 'provider', 'functions', 'resources', 'plugins', 'custom',
  'package', 'useDotenv', 'params', 'stages', 'org', 'app', 'console', 'outputs', 'layers',
  'configValidationMode', 'variablesResolutionMode', 'unresolvedVariablesNotificationMode',
  'deprecationNotificationMode', 'disabledDeprecations', 'build', 'license', 'dashboard',
] as const;

export const PROVIDER_KEYS = [
  'name', 'runtime', 'stage', 'region', 'profile', 'memorySize', 'timeout', 'environment',
  'httpApi', 'apiGateway', 'tags', 'stackTags', 'iam', 'iamRoleStatements', 'iamManagedPolicies',
  'role', 'architecture', 'tracing', 'logs', 'vpc', 'layers', 'deploymentBucket', 'deploymentMethod',
  'deploymentPrefix', 'stackName', 'apiName', 'websocketsApiName', 'websocketsApiRouteSelectionExpression',
  'websocket', 'versionFunctions', 'logRetentionInDays', 'logDataProtectionPolicy', 'kmsKeyArn',
  'lambdaHashingVersion', 'endpointType', 'apiKeys', 'usagePlan', 'resourcePolicy', 'alb', 'eventBridge',
  'ecr', 'cfnRole', 'rolePermissionsBoundary', 'stackPolicy', 'stackParameters', 'notificationArns',
  'disableRollback', 'rollbackConfiguration', 'runtimeManagement', 'ephemeralStorageSize', 'cloudFront',
  's3', 'environmentVariables', 'vpcEndpointIds', 'tenancy', 'disableDefaultOutputExportNames',
] as const;

export const FUNCTION_KEYS = [
  'handler', 'name', 'description', 'runtime', 'memorySize', 'timeout', 'environment', 'events',
  'reservedConcurrency', 'provisionedConcurrency', 'image', 'architecture', 'layers', 'url', 'onError',
  'destinations', 'maximumRetryAttempts', 'maximumEventAge', 'ephemeralStorageSize', 'role', 'tags',
  'vpc', 'tracing', 'package', 'kmsKeyArn', 'fileSystemConfig', 'condition', 'dependsOn',
  'disableLogs', 'logRetentionInDays', 'logDataProtectionPolicy', 'snapStart', 'runtimeManagement',
  'logs', 'versionFunction', 'awsKmsKeyArn', 'skip', 'build',
] as const;

/** Event types Serverless knows; only `http` and `httpApi` become routes in Nimbus so far. */
export const EVENT_TYPES = [
  'http', 'httpApi', 'websocket', 's3', 'schedule', 'sns', 'sqs', 'stream', 'alexaSkill',
  'alexaSmartHome', 'iot', 'iotFleetProvisioning', 'cloudwatchEvent', 'cloudwatchLog',
  'cognitoUserPool', 'alb', 'eventBridge', 'cloudFront', 'msk', 'kafka', 'activemq', 'rabbitmq',
] as const;

export const HTTP_API_KEYS = [
  'payload', 'cors', 'authorizers', 'id', 'name', 'disableDefaultEndpoint', 'metrics',
  'useProviderTags', 'shouldStartNameWithService',
] as const;

export const HTTP_EVENT_KEYS = [
  'path', 'method', 'cors', 'integration', 'authorizer', 'request', 'response', 'private',
  'async', 'operationId', 'connectionType', 'connectionId', 'timeoutInMillis',
] as const;

export const HTTP_API_EVENT_KEYS = ['method', 'path', 'authorizer', 'timeoutInMillis'] as const;

export const HTTP_API_CORS_KEYS = [
  'allowedOrigins', 'allowedHeaders', 'allowedMethods', 'allowCredentials', 'exposedHeaders', 'maxAge',
] as const;

export const REST_CORS_KEYS = [
  'origin', 'origins', 'headers', 'methods', 'allowCredentials', 'maxAge', 'cacheControl',
] as const;
