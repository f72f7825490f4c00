import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import { createApp } from './app';
import type { ServerDeps } from './app-env';

export interface RunningServer {
  port: number;
  url: string;
  /** Graceful: stop accepting, let runs and event streams finish (up to `graceMs`), then close. */
  shutdown(graceMs?: number): Promise<void>;
}

export async function startServer(
  deps: ServerDeps & { close(): Promise<void> },
  options: { port: number; host: string },
): Promise<RunningServer> {
  const app = createApp(deps);
  const { server, address } = await new Promise<{ server: ReturnType<typeof serve>; address: AddressInfo }>(
    (resolve, reject) => {
      // Run events over WebSocket (`GET /v1/runs/:id/ws`); upgrades go through the app like any request.
      const websocket = { server: new WebSocketServer({ noServer: true }) };
      const started = serve(
        { fetch: app.fetch, port: options.port, hostname: options.host, websocket },
        (info) => resolve({ server: started, address: info }),
      );
      started.once('error', reject);
    },
  );
  // Longer than the usual 5 s, so clients and proxies reusing idle connections do not race the server closing them.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  let stopping: Promise<void> | undefined;
  return {
    port: address.port,
    url,
    shutdown(graceMs = 30_000) {
      stopping ??= (async () => {
        deps.lifecycle.draining = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        const deadline = Date.now() + graceMs;
        await deps.runs.drain(graceMs);
        await deps.lifecycle.waitForStreams(Math.max(0, deadline - Date.now()));
        // Ended streams still flush their last bytes; connections close as their responses end.
        const flushed = await Promise.race([
          closed.then(() => true),
          new Promise<boolean>((resolve) => {
            const poll = setInterval(() => {
              if ('closeIdleConnections' in server) server.closeIdleConnections();
            }, 50);
            setTimeout(() => {
              clearInterval(poll);
              resolve(false);
            }, 2000).unref();
          }),
        ]);
        if (!flushed && 'closeAllConnections' in server) server.closeAllConnections();
        await closed;
        await deps.close();
      })();
      return stopping;
    },
  };
}
