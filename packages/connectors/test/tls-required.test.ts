/**
 * "TLS required" cannot be produced by the test servers here (both run without TLS, and their settings are
 * shared), so these tests answer at the protocol boundary instead: a local socket replies with the exact
 * bytes a server sends when it accepts only encrypted connections — PostgreSQL's pg_hba rejection
 * (SQLSTATE 28000, "no encryption") and MySQL's ER_SECURE_TRANSPORT_REQUIRED (3159) after the handshake.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { AskdataError } from '@askdata/core';
import { afterEach, describe, expect, it } from 'vitest';
import { MysqlConnector, PostgresConnector } from '../src/index';

let server: Server | undefined;
const sockets = new Set<Socket>();

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(onConnection: (socket: Socket) => void): Promise<number> {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function postgresError(fields: Record<string, string>): Buffer {
  const body = Buffer.concat([
    ...Object.entries(fields).map(([code, value]) => Buffer.from(`${code}${value}\0`, 'utf8')),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function mysqlPacket(sequence: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  header.writeUInt8(sequence, 3);
  return Buffer.concat([header, payload]);
}

/** Protocol 10 greeting of a server that supports TLS and native password authentication. */
function mysqlGreeting(): Buffer {
  const capabilities = 0x1 | 0x2 | 0x4 | 0x8 | 0x200 | 0x800 | 0x2000 | 0x8000 | 0x80000;
  const parts = [
    Buffer.from([10]),
    Buffer.from('8.0.36\0', 'latin1'),
    Buffer.from([1, 0, 0, 0]),
    Buffer.from('abcdefgh', 'latin1'),
    Buffer.from([0]),
    Buffer.from([capabilities & 0xff, (capabilities >> 8) & 0xff]),
    Buffer.from([33]),
    Buffer.from([2, 0]),
    Buffer.from([(capabilities >> 16) & 0xff, (capabilities >> 24) & 0xff]),
    Buffer.from([21]),
    Buffer.alloc(10),
    Buffer.from('ijklmnopqrst\0', 'latin1'),
    Buffer.from('mysql_native_password\0', 'latin1'),
  ];
  return mysqlPacket(0, Buffer.concat(parts));
}

async function connectError(connect: () => Promise<void>): Promise<AskdataError> {
  try {
    await connect();
  } catch (error) {
    if (AskdataError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the connection to fail');
}

/** Connects to a stand-in PostgreSQL that answers the startup packet with one FATAL error (SQLSTATE `code`). */
async function postgresLoginError(
  code: string,
  message: string,
): Promise<{ error: AskdataError; port: number }> {
  const port = await listen((socket) => {
    socket.once('data', () => socket.end(postgresError({ S: 'FATAL', V: 'FATAL', C: code, M: message })));
  });
  const connector = new PostgresConnector({ url: `postgres://app:secret@127.0.0.1:${port}/shop` });
  const error = await connectError(() => connector.connect({ timeoutMs: 3000 }));
  await connector.close();
  return { error, port };
}

describe('a server that accepts only encrypted connections', () => {
  it('PostgreSQL: the pg_hba rejection for an unencrypted login becomes tls_required', async () => {
    const { error, port } = await postgresLoginError(
      '28000',
      'no pg_hba.conf entry for host "127.0.0.1", user "app", database "shop", no encryption',
    );
    expect(error.code).toBe('tls_required');
    expect(error.message).toBe(
      `PostgreSQL at 127.0.0.1:${port} accepts only encrypted connections: add sslmode=require (PostgreSQL) or ssl=true (MySQL) to the URL.`,
    );
    expect(error.message).not.toContain('secret');
  });

  it('PostgreSQL: a wrong password (28P01) is auth_failed, not TLS', async () => {
    const { error } = await postgresLoginError('28P01', 'password authentication failed for user "app"');
    expect(error.code).toBe('auth_failed');
  });

  it('MySQL: ER_SECURE_TRANSPORT_REQUIRED after the handshake becomes tls_required', async () => {
    const port = await listen((socket) => {
      socket.write(mysqlGreeting());
      socket.once('data', () => {
        const message = Buffer.from(
          'Connections using insecure transport are prohibited while --require_secure_transport=ON.',
          'utf8',
        );
        const payload = Buffer.concat([
          Buffer.from([0xff, 3159 & 0xff, 3159 >> 8]),
          Buffer.from('#HY000'),
          message,
        ]);
        socket.end(mysqlPacket(2, payload));
      });
    });
    const connector = new MysqlConnector({ url: `mysql://app:secret@127.0.0.1:${port}/shop` });
    const error = await connectError(() => connector.connect({ timeoutMs: 3000 }));
    await connector.close();
    expect(error.code).toBe('tls_required');
    expect(error.message).not.toContain('secret');
  });

  it('a host that never answers is host_unreachable once the connect time limit passes', async () => {
    // Accepts the TCP connection and then says nothing: the driver's connect timeout fires.
    const port = await listen(() => undefined);
    const connector = new PostgresConnector({ url: `postgres://app@127.0.0.1:${port}/shop` });
    const started = performance.now();
    const error = await connectError(() => connector.connect({ timeoutMs: 500 }));
    await connector.close();
    expect(error.code).toBe('host_unreachable');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
