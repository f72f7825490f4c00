import type { S3Options } from '@askdata/connectors';

/**
 * S3 settings from the command line and the standard AWS environment variables (the CLI is the composition
 * root). Credentials are only passed on to the client, never printed.
 */
export function s3OptionsFromEnvironment(
  flags: { s3Endpoint?: string; s3Region?: string },
  environment: NodeJS.ProcessEnv = process.env,
): S3Options {
  // The SDK warns on every run that its 2027 releases will need Node 22; that is not news for the person loading a file.
  environment.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const accessKeyId = environment.AWS_ACCESS_KEY_ID;
  const secretAccessKey = environment.AWS_SECRET_ACCESS_KEY;
  return {
    endpoint: flags.s3Endpoint ?? environment.AWS_ENDPOINT_URL_S3 ?? environment.AWS_ENDPOINT_URL,
    region: flags.s3Region ?? environment.AWS_REGION ?? environment.AWS_DEFAULT_REGION,
    credentials:
      accessKeyId && secretAccessKey
        ? { accessKeyId, secretAccessKey, sessionToken: environment.AWS_SESSION_TOKEN }
        : undefined,
  };
}
