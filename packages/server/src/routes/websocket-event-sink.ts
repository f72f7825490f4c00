import type { SSEMessage } from 'hono/streaming';
import { SSEStreamingApi } from 'hono/streaming';
import type { WSContext } from 'hono/ws';
import type { EventFrames, EventMessage } from '../runs/stream-run-events';

/** Unsent bytes a socket may hold before the next event waits. */
const highWaterBytes = 1024 * 1024;

/**
 * Lets the SSE event streamer (`streamRunEvents`) write to a WebSocket: each SSE message becomes one text
 * frame `{"event", "id"?, "data"}` with `data` the same JSON the SSE stream carries. The byte streams of
 * the base class are unused; `abort()` (socket closed) stops the streamer as a dropped SSE client does.
 */
export class WebSocketEventSink extends SSEStreamingApi implements EventFrames {
  constructor(private readonly socket: WSContext) {
    const unused = new TransformStream();
    super(unused.writable, unused.readable);
  }

  override async writeSSE(message: SSEMessage): Promise<void> {
    if (this.aborted || this.socket.readyState !== 1) return;
    const data = await message.data;
    // `data` is already JSON text; splice it in rather than parse and print it again.
    const id = message.id === undefined ? '' : `,"id":${JSON.stringify(message.id)}`;
    this.socket.send(`{"event":${JSON.stringify(message.event ?? 'message')}${id},"data":${data}}`);
    // A slow reader holds the streamer back instead of letting frames pile up in memory.
    while (this.bufferedBytes() > highWaterBytes && !this.aborted && this.socket.readyState === 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async sendEvents(messages: readonly EventMessage[]): Promise<void> {
    for (const { event, data, id } of messages)
      await this.writeSSE({ event, data, ...(id === undefined ? {} : { id: String(id) }) });
  }

  private bufferedBytes(): number {
    return (this.socket.raw as { bufferedAmount?: number } | undefined)?.bufferedAmount ?? 0;
  }

  /** Ends the socket normally once the last event is sent. */
  finish(): void {
    if (this.socket.readyState === 1) this.socket.close(1000, 'done');
  }
}
