import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure';
import { type FakeS3, startFakeS3 } from '../../test/support/fake-s3-server';
import { parseS3Url } from './s3-location';
import { S3Storage } from './s3-storage';

const credentials = { accessKeyId: 'AKIATESTKEY', secretAccessKey: 'test-secret-never-shown' };

describe('S3Storage against a local S3-compatible server', () => {
  let s3: FakeS3;
  beforeAll(async () => {
    s3 = await startFakeS3({ requireAccessKey: credentials.accessKeyId });
    s3.put('sales', '2026/orders.csv', 'id,amount\n1,10.5\n2,20\n');
    s3.put('sales', '2026/regions.csv', 'region\nnorth\n');
    s3.put('sales', '2026/readme.md', '# not data');
  });
  afterAll(() => s3.close());

  it('parses s3:// addresses', () => {
    expect(parseS3Url('s3://bucket/a/b%20c.csv')).toEqual({ bucket: 'bucket', key: 'a/b c.csv' });
    expect(parseS3Url('s3://bucket')).toEqual({ bucket: 'bucket', key: '' });
    expect(() => parseS3Url('https://bucket/x')).toThrow(/not an S3 address/);
  });

  it('streams an object to a temporary file, signed with the given credentials', async () => {
    const storage = new S3Storage({ endpoint: s3.endpoint, credentials });
    const [location] = await storage.resolve('s3://sales/2026/orders.csv');
    const object = await storage.download(location as never);
    expect(object.path.endsWith('/orders.csv')).toBe(true);
    expect(await readFile(object.path, 'utf8')).toBe('id,amount\n1,10.5\n2,20\n');
    expect(object.bytes).toBe(Buffer.byteLength('id,amount\n1,10.5\n2,20\n'));
    await object.cleanup();
    await expect(readFile(object.path)).rejects.toThrow();
    const used = s3.requests.slice(-2);
    expect(used.map((request) => `${request.method} ${request.path}`)).toEqual([
      'HEAD /sales/2026/orders.csv',
      'GET /sales/2026/orders.csv',
    ]);
    expect(used.every((request) => request.signedBy === 'AWS4-HMAC-SHA256 AKIATESTKEY')).toBe(true);
    storage.close();
  });

  it('lists the loadable objects under a prefix with ListObjectsV2', async () => {
    const storage = new S3Storage({ endpoint: s3.endpoint, credentials });
    const found = await storage.resolve('s3://sales/2026/');
    expect(found.map((location) => location.key)).toEqual(['2026/orders.csv', '2026/regions.csv']);
    expect(s3.requests.at(-1)?.query['list-type']).toBe('2');
    storage.close();
  });

  it('turns missing objects, refused credentials and size limits into clear errors without secrets', async () => {
    const storage = new S3Storage({ endpoint: s3.endpoint, credentials });
    const missing = await failure(storage.download({ bucket: 'sales', key: 'nope.csv' }));
    expect(missing.code).toBe('file_not_found');
    expect(missing.message).toBe('s3://sales/nope.csv does not exist.');
    const noBucket = await failure(storage.resolve('s3://other/'));
    expect(noBucket.code).toBe('file_not_found');
    storage.close();

    const wrong = new S3Storage({
      endpoint: s3.endpoint,
      credentials: { ...credentials, accessKeyId: 'AKIAWRONG' },
    });
    const refused = await failure(wrong.download({ bucket: 'sales', key: '2026/orders.csv' }));
    expect(refused.code).toBe('auth_failed');
    expect(refused.message).not.toContain(credentials.secretAccessKey);
    wrong.close();

    const anonymous = new S3Storage({ endpoint: s3.endpoint });
    expect((await failure(anonymous.resolve('s3://sales/2026/'))).code).toBe('auth_failed');
    expect(s3.requests.at(-1)?.signedBy).toBe('none');
    anonymous.close();

    const small = new S3Storage({ endpoint: s3.endpoint, credentials, maxBytes: 10 });
    expect((await failure(small.download({ bucket: 'sales', key: '2026/orders.csv' }))).code).toBe(
      'file_too_large',
    );
    small.close();
  });

  it('says which host could not be reached', async () => {
    const storage = new S3Storage({ endpoint: 'http://127.0.0.1:9', credentials });
    const error = await failure(
      storage.resolve('s3://sales/x.csv').then(([l]) => storage.download(l as never)),
    );
    expect(error.code).toBe('host_unreachable');
    storage.close();
  });
});
