// SAM `Globals`: the rules for combining Globals.Function / Api / HttpApi with a
// resource's own properties (the resource's value overrides a scalar, maps such as
// Environment.Variables are merged key by key, lists are appended to the global
// list), and the property names SAM knows, for typo suggestions.

export function isPlainMap(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Merges a global value with the resource's own (both already resolved). */
export function mergeGlobal(global: unknown, local: unknown): unknown {
  if (local === undefined) return global;
  if (global === undefined) return local;
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  if (isPlainMap(global) && isPlainMap(local)) {
    const out: Record<string, unknown> = { ...global };
    for (const [k, v] of Object.entries(local)) out[k] = mergeGlobal(global[k], v);
    return out;
  }
  return local;
}

/** Properties of AWS::Serverless::Function (SAM developer guide, sam-resource-function). */
export const FUNCTION_PROPERTIES = [
  'Architectures', 'AssumeRolePolicyDocument', 'AutoPublishAlias', 'AutoPublishAliasAllProperties',
  'AutoPublishCodeSha256', 'CapacityProviderConfig', 'CodeSigningConfigArn', 'CodeUri', 'DeadLetterQueue',
  'DeploymentPreference', 'Description', 'DurableConfig', 'Environment', 'EphemeralStorage', 'EventInvokeConfig',
  'Events', 'FileSystemConfigs', 'FunctionName', 'FunctionScalingConfig', 'FunctionUrlConfig', 'Handler',
  'ImageConfig', 'ImageUri', 'InlineCode', 'KmsKeyArn', 'Layers', 'LoggingConfig', 'MemorySize', 'PackageType',
  'PermissionsBoundary', 'Policies', 'PropagateTags', 'ProvisionedConcurrencyConfig', 'PublishToLatestPublished',
  'RecursiveLoop', 'ReservedConcurrentExecutions', 'Role', 'RolePath', 'Runtime', 'RuntimeManagementConfig',
  'SnapStart', 'SourceKMSKeyArn', 'Tags', 'TenancyConfig', 'Timeout', 'Tracing', 'VersionDescription',
  'VersionDeletionPolicy', 'VpcConfig',
];

/** Function properties Globals.Function does not accept. */
export const NOT_IN_GLOBALS = ['Events', 'FunctionName', 'InlineCode', 'Policies', 'Role', 'ImageUri'];

export const TOP_LEVEL_KEYS = [
  'AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions',
  'Transform', 'Globals', 'Resources', 'Outputs',
];

export const RESOURCE_KEYS = [
  'Type', 'Properties', 'Condition', 'DependsOn', 'Metadata', 'DeletionPolicy', 'UpdateReplacePolicy',
  'UpdatePolicy', 'CreationPolicy', 'IgnoreGlobals',
];

export const GLOBALS_SECTIONS = ['Function', 'Api', 'HttpApi', 'SimpleTable', 'StateMachine', 'LayerVersion', 'CapacityProvider'];

/** Event source types SAM defines for AWS::Serverless::Function. */
export const EVENT_TYPES = [
  'Api', 'HttpApi', 'SQS', 'SNS', 'S3', 'Schedule', 'ScheduleV2', 'CloudWatchEvent', 'EventBridgeRule',
  'CloudWatchLogs', 'DynamoDB', 'Kinesis', 'MQ', 'MSK', 'SelfManagedKafka', 'IoTRule', 'AlexaSkill', 'Cognito',
  'DocumentDB',
];
