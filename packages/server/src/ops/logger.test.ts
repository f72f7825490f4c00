import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createLogger } from './logger';

it('censors passwords, tokens, connection URLs and auth headers', () => {
  let written = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  const logger = createLogger('info', sink);
  logger.info(
    {
      password: 'hunter2-password',
      body: { password: 'nested-password', url: 'postgres://u:pw-in-url@db/x' },
      token: 'share-token-value',
      headers: { authorization: 'Bearer ak_live_secret', cookie: 'askdata_session=cookie-secret' },
      datasourceId: 'ds-1',
    },
    'request',
  );
  for (const secret of [
    'hunter2',
    'nested-password',
    'pw-in-url',
    'share-token-value',
    'ak_live_secret',
    'cookie-secret',
  ]) {
    expect(written).not.toContain(secret);
  }
  expect(written).toContain('"datasourceId":"ds-1"');
  expect(written).toContain('[redacted]');
});
