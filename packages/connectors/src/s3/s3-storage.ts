import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AskdataError } from '@askdata/core';
import { loadOptionalModule } from '../optional-module';
import { isPrefix, parseS3Url, type S3Location } from './s3-location';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface S3Options {
  /** An S3-compatible endpoint (MinIO, R2, a local fake); default: AWS for `region`. */
  endpoint?: string;
  region?: string;
  /** Without credentials requests go unsigned (public buckets). */
  credentials?: S3Credentials;
  /** Bucket in the path rather than the host name; on by default when an endpoint is given. */
  forcePathStyle?: boolean;
  /** Refuse objects larger than this (default 2 GiB). */
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface DownloadedObject {
  /** A local copy with the object's own file name, in a folder of its own. */
  path: string;
  key: string;
  bytes: number;
  etag: string | undefined;
  /** Removes the local copy and its folder. */
  cleanup(): Promise<void>;
}

/** Formats the engine can ingest, by file extension. */
const loadableExtensions = /\.(csv|tsv|txt|parquet|json|ndjson|jsonl|xlsx)$/i;
const defaultMaxBytes = 2 * 1024 ** 3;

type S3Module = typeof import('@aws-sdk/client-s3');

/**
 * Reads objects from S3-compatible storage with the AWS SDK v3. Objects are streamed to a temporary file, so the
 * engine's normal ingestion (format sniffing, snapshots) applies unchanged. Credentials are passed in by the
 * caller and never logged or put in error messages.
 */
export class S3Storage {
  private client: Promise<InstanceType<S3Module['S3Client']>> | undefined;
  private module: S3Module | undefined;

  constructor(private readonly options: S3Options = {}) {}

  /** The objects a URL names: itself, or the loadable files under a prefix (sorted, at most 1000). */
  async resolve(url: string): Promise<S3Location[]> {
    const location = parseS3Url(url);
    if (!isPrefix(location)) return [location];
    const client = await this.s3();
    const { ListObjectsV2Command } = this.sdk();
    const found: S3Location[] = [];
    let token: string | undefined;
    do {
      const page = await this.send(
        () =>
          client.send(
            new ListObjectsV2Command({
              Bucket: location.bucket,
              Prefix: location.key,
              ContinuationToken: token,
            }),
            { abortSignal: this.options.signal },
          ),
        location,
      );
      for (const item of page.Contents ?? []) {
        if (item.Key && loadableExtensions.test(item.Key))
          found.push({ bucket: location.bucket, key: item.Key });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && found.length < 1000);
    if (found.length === 0) {
      throw new AskdataError(
        'file_not_found',
        `No CSV, Parquet, JSON or Excel objects under s3://${location.bucket}/${location.key}.`,
      );
    }
    return found.sort((left, right) => left.key.localeCompare(right.key));
  }

  /** Streams one object to a temporary file after checking its size. */
  async download(location: S3Location): Promise<DownloadedObject> {
    const client = await this.s3();
    const { HeadObjectCommand, GetObjectCommand } = this.sdk();
    const maxBytes = this.options.maxBytes ?? defaultMaxBytes;
    const head = await this.send(
      () =>
        client.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key }), {
          abortSignal: this.options.signal,
        }),
      location,
    );
    if ((head.ContentLength ?? 0) > maxBytes) {
      throw new AskdataError(
        'file_too_large',
        `s3://${location.bucket}/${location.key} is ${head.ContentLength} bytes, over the ${maxBytes}-byte limit.`,
      );
    }
    const folder = await mkdtemp(join(tmpdir(), 'askdata-s3-'));
    const cleanup = () => rm(folder, { recursive: true, force: true });
    const path = join(folder, basename(location.key) || 'object');
    try {
      const object = await this.send(
        () =>
          client.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }), {
            abortSignal: this.options.signal,
          }),
        location,
      );
      let bytes = 0;
      const body = object.Body as Readable | undefined;
      if (!body) throw new AskdataError('file_empty', `s3://${location.bucket}/${location.key} has no body.`);
      body.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > maxBytes)
          body.destroy(new AskdataError('file_too_large', 'The object grew past the limit.'));
      });
      await pipeline(body, createWriteStream(path), { signal: this.options.signal });
      return { path, key: location.key, bytes, etag: head.ETag, cleanup };
    } catch (error) {
      await cleanup();
      throw error;
    }
  }

  close(): void {
    void this.client?.then((client) => client.destroy());
    this.client = undefined;
  }

  private sdk(): S3Module {
    if (!this.module) throw new AskdataError('internal', 'The S3 client is not loaded.');
    return this.module;
  }

  private s3() {
    this.client ??= (async () => {
      this.module = await loadOptionalModule(
        () => import('@aws-sdk/client-s3'),
        '@aws-sdk/client-s3',
        'Reading from S3',
      );
      const { endpoint, region, credentials } = this.options;
      return new this.module.S3Client({
        endpoint,
        region: region ?? 'us-east-1',
        forcePathStyle: this.options.forcePathStyle ?? endpoint !== undefined,
        // Explicit credentials, or none: the SDK's default chain would probe instance metadata over the network.
        credentials: credentials ?? { accessKeyId: '', secretAccessKey: '' },
        ...(credentials ? {} : { signer: { sign: async (request: unknown) => request } }),
        maxAttempts: 2,
      } as NonNullable<ConstructorParameters<S3Module['S3Client']>[0]>);
    })();
    return this.client;
  }

  /** One place that turns SDK failures into messages for people (no credentials, no request ids). */
  private async send<T>(request: () => Promise<T>, location: S3Location): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw describeS3Error(error, location);
    }
  }
}

function describeS3Error(error: unknown, location: S3Location): AskdataError {
  if (AskdataError.isInstance(error)) return error;
  const where = `s3://${location.bucket}/${location.key}`;
  const name = error instanceof Error ? error.name : '';
  const status =
    typeof error === 'object' && error !== null && '$metadata' in error
      ? (error.$metadata as { httpStatusCode?: number }).httpStatusCode
      : undefined;
  if (name === 'NoSuchKey' || name === 'NotFound' || (status === 404 && name !== 'NoSuchBucket'))
    return new AskdataError('file_not_found', `${where} does not exist.`, { cause: error });
  if (name === 'NoSuchBucket')
    return new AskdataError('file_not_found', `The bucket ${location.bucket} does not exist.`, {
      cause: error,
    });
  if (
    status === 403 ||
    name === 'AccessDenied' ||
    name === 'InvalidAccessKeyId' ||
    name === 'SignatureDoesNotMatch'
  )
    return new AskdataError('auth_failed', `Access to ${where} was refused: check the S3 credentials.`, {
      cause: error,
    });
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT'].includes(code))
    return new AskdataError('host_unreachable', `The S3 endpoint for ${where} could not be reached.`, {
      cause: error,
    });
  if (name === 'AbortError')
    return new AskdataError('query_cancelled', `Reading ${where} was cancelled.`, { cause: error });
  return new AskdataError('connection_failed', `Reading ${where} failed.`, { cause: error });
}
