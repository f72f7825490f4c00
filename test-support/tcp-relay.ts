/**
 * A TCP relay to a database server, for tests of what happens when that server goes away: register a
 * datasource through the relay, then `cut()` it (open connections reset, new ones refused), as an outage would.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { type ServiceName, serviceAddresses } from './services';

export interface Relay {
  /** The service's URL with the relay's port in place of the real one. */
  url: string;
  cut: () => Promise<void>;
}

export async function startRelay(service: ServiceName = 'postgres'): Promise<Relay> {
  const target = serviceAddresses[service];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((inbound) => {
    const outbound = connect(target.port, target.host);
    track(inbound);
    track(outbound);
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: target.url.replace(`${target.host}:${target.port}`, `127.0.0.1:${port}`),
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
