/**
 * Database servers that integration suites use for real. A suite asks `await probeService('postgres')`;
 * when the server is unreachable it is skipped with a plain message, except under CI=true where an
 * unreachable server is a failure (the CI script starts the servers first).
 */
import { Socket } from 'node:net';

export type ServiceName = 'postgres' | 'mariadb' | 'redis';

export const serviceAddresses: Record<ServiceName, { host: string; port: number; url: string }> = {
  postgres: {
    host: '127.0.0.1',
    port: 5432,
    url: process.env.ASKDATA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  },
  mariadb: {
    host: '127.0.0.1',
    port: 3306,
    url: process.env.ASKDATA_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
  },
  redis: {
    host: '127.0.0.1',
    port: 6379,
    url: process.env.ASKDATA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  },
};

function reachable(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

/** True when the server answers; false (with a printed notice) when not; throws under CI=true. */
export async function probeService(name: ServiceName): Promise<boolean> {
  const { host, port } = serviceAddresses[name];
  const ok = await reachable(host, port);
  if (ok) return true;
  if (process.env.CI === 'true') {
    throw new Error(`${name} is not reachable on ${host}:${port}; CI requires it (see .ci/run).`);
  }
  console.warn(`SKIPPED: ${name} suites — no server on ${host}:${port}. Start it to run them.`);
  return false;
}
