/**
 * Test-only: a small S3-compatible server on 127.0.0.1 answering path-style HeadObject, GetObject and
 * ListObjectsV2 (the REST shapes of the S3 API reference) from an in-memory map. It records each request's
 * Authorization header scheme and access key so tests can check how the client signed.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeS3Request {
  method: string;
  path: string;
  query: Record<string, string>;
  /** `AWS4-HMAC-SHA256 <access key>` when signed, `none` when not. */
  signedBy: string;
}

export interface FakeS3 {
  endpoint: string;
  requests: FakeS3Request[];
  put(bucket: string, key: string, body: string | Buffer): void;
  close(): Promise<void>;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

function etagOf(body: Buffer): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

export async function startFakeS3(options: { requireAccessKey?: string } = {}): Promise<FakeS3> {
  const buckets = new Map<string, Map<string, Buffer>>();
  const requests: FakeS3Request[] = [];

  const error = (response: ServerResponse, status: number, code: string, message: string) => {
    response.writeHead(status, { 'content-type': 'application/xml' });
    response.end(
      status === 404 && response.req.method === 'HEAD'
        ? undefined
        : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    );
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const [, bucketName = '', ...keyParts] = url.pathname.split('/');
    const key = decodeURIComponent(keyParts.join('/'));
    const authorization = request.headers.authorization ?? '';
    const signed = /^AWS4-HMAC-SHA256 Credential=([^/]+)\//.exec(authorization);
    requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      signedBy: signed ? `AWS4-HMAC-SHA256 ${signed[1]}` : 'none',
    });
    if (options.requireAccessKey && signed?.[1] !== options.requireAccessKey) {
      error(response, 403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist.');
      return;
    }
    const bucket = buckets.get(bucketName);
    if (!bucket) {
      error(response, 404, 'NoSuchBucket', 'The specified bucket does not exist.');
      return;
    }
    if (key === '' && url.searchParams.get('list-type') === '2') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const maxKeys = Number(url.searchParams.get('max-keys') ?? 1000);
      const after = url.searchParams.get('continuation-token') ?? '';
      const keys = [...bucket.keys()].filter((name) => name.startsWith(prefix) && name > after).sort();
      const page = keys.slice(0, maxKeys);
      const truncated = keys.length > page.length;
      const contents = page
        .map((name) => {
          const body = bucket.get(name) as Buffer;
          return `<Contents><Key>${escapeXml(name)}</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>${escapeXml(etagOf(body))}</ETag><Size>${body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
        })
        .join('');
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.end(
        `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(bucketName)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${truncated ? `<NextContinuationToken>${escapeXml(page.at(-1) ?? '')}</NextContinuationToken>` : ''}</ListBucketResult>`,
      );
      return;
    }
    const body = bucket.get(key);
    if (!body) {
      error(response, 404, 'NoSuchKey', 'The specified key does not exist.');
      return;
    }
    const headers = {
      'content-length': String(body.length),
      'content-type': 'application/octet-stream',
      etag: etagOf(body),
      'last-modified': 'Thu, 01 Jan 2026 00:00:00 GMT',
    };
    if (request.method === 'HEAD') {
      response.writeHead(200, headers);
      response.end();
      return;
    }
    if (request.method === 'GET') {
      response.writeHead(200, headers);
      response.end(body);
      return;
    }
    error(response, 405, 'MethodNotAllowed', 'The specified method is not allowed.');
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    put(bucket, key, body) {
      if (!buckets.has(bucket)) buckets.set(bucket, new Map());
      buckets.get(bucket)?.set(key, Buffer.isBuffer(body) ? body : Buffer.from(body));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
