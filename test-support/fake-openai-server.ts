/**
 * A fake LLM endpoint on 127.0.0.1 for tests without network: OpenAI-compatible chat completions
 * (`POST …/chat/completions`, streaming and not), Anthropic messages (`POST …/messages`), native
 * Ollama chat (`POST …/api/chat`, NDJSON) and embeddings (`POST …/embeddings`, Ollama `…/api/embed`:
 * deterministic bag-of-words vectors, where words of one `embeddingConcepts` group share a dimension,
 * standing in for a model that knows they mean the same). It replays
 * scripted replies in order and records every request body, so tests can read exactly what would have
 * left the machine.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedReply =
  /** A normal reply with this text (streamed when the request asks for a stream). */
  | { text: string; usage?: { input: number; output: number }; delayMs?: number }
  /** An HTTP error, e.g. 429 or 500. */
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** No answer for this long (to test timeouts). */
  | { hangMs: number }
  /** A reply computed from the request (e.g. echoing the narrative it was sent). */
  | { respond: (request: RecordedRequest) => string };

/** A scripted failure for the next embedding request; without one, embeddings are computed. */
export type ScriptedEmbeddingReply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hangMs: number };

export interface FakeLlmServerOptions {
  /** Groups of words the fake embedding model treats as one meaning, e.g. [['parcel', 'shipment']]. */
  embeddingConcepts?: string[][];
  /** Vector length (default 1024). */
  embeddingDimensions?: number;
}

export interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  /** The raw body text: what a privacy test searches. */
  raw: string;
}

export interface FakeLlmServer {
  /** e.g. http://127.0.0.1:40123/v1 */
  readonly baseUrl: string;
  /** e.g. http://127.0.0.1:40123/api, for the native Ollama provider. */
  readonly ollamaUrl: string;
  readonly requests: RecordedRequest[];
  /** Replies not used yet. */
  readonly pending: ScriptedReply[];
  script(...replies: ScriptedReply[]): void;
  /** Failures for the next embedding requests, in order (chat replies are scripted separately). */
  scriptEmbeddings(...replies: ScriptedEmbeddingReply[]): void;
  close(): Promise<void>;
}

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function chunks(text: string): string[] {
  const parts: string[] = [];
  for (let index = 0; index < text.length; index += 12) parts.push(text.slice(index, index + 12));
  return parts.length > 0 ? parts : [''];
}

function openAiReply(
  response: ServerResponse,
  body: Record<string, unknown>,
  text: string,
  usage: { input: number; output: number },
) {
  const model = String(body['model'] ?? 'fake');
  const usageBody = {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
  };
  if (!body['stream']) {
    send(response, 200, {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 0,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage: usageBody,
    });
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model, choices, ...extra })}\n\n`;
  chunks(text).forEach((part, index) => {
    response.write(
      chunk([
        {
          index: 0,
          delta: index === 0 ? { role: 'assistant', content: part } : { content: part },
          finish_reason: null,
        },
      ]),
    );
  });
  response.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
  response.write(chunk([], { usage: usageBody }));
  response.end('data: [DONE]\n\n');
}

function anthropicReply(
  response: ServerResponse,
  body: Record<string, unknown>,
  text: string,
  usage: { input: number; output: number },
) {
  const model = String(body['model'] ?? 'fake');
  if (!body['stream']) {
    send(response, 200, {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: usage.input, output_tokens: usage.output },
    });
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const event = (name: string, data: unknown) =>
    response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  event('message_start', {
    type: 'message_start',
    message: {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: usage.input, output_tokens: 0 },
    },
  });
  event('content_block_start', {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'text', text: '' },
  });
  for (const part of chunks(text)) {
    event('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: part },
    });
  }
  event('content_block_stop', { type: 'content_block_stop', index: 0 });
  event('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: usage.output },
  });
  event('message_stop', { type: 'message_stop' });
  response.end();
}

function ollamaReply(
  response: ServerResponse,
  body: Record<string, unknown>,
  text: string,
  usage: { input: number; output: number },
) {
  const model = String(body['model'] ?? 'fake');
  const line = (data: Record<string, unknown>) =>
    `${JSON.stringify({ model, created_at: '2024-01-01T00:00:00Z', ...data })}\n`;
  const final = { done: true, done_reason: 'stop', prompt_eval_count: usage.input, eval_count: usage.output };
  if (body['stream'] === false) {
    send(response, 200, JSON.parse(line({ message: { role: 'assistant', content: text }, ...final })));
    return;
  }
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for (const part of chunks(text))
    response.write(line({ message: { role: 'assistant', content: part }, done: false }));
  response.end(line({ message: { role: 'assistant', content: '' }, ...final }));
}

function embeddingWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map((word) =>
      word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word,
    );
}

/** FNV-1a, for words that arrive once every dimension is taken. */
function hashWord(word: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < word.length; index++) {
    hash ^= word.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Bag-of-words vectors: each new word gets the next free dimension (so unrelated words never share
 * one until all are taken), and the words of one concept share their first word's dimension.
 */
function fakeEmbedder(options: FakeLlmServerOptions): (text: string) => number[] {
  const dimensions = options.embeddingDimensions ?? 1024;
  const canonical = new Map<string, string>();
  for (const group of options.embeddingConcepts ?? []) {
    const words = group.flatMap(embeddingWords);
    for (const word of words) if (words[0]) canonical.set(word, words[0]);
  }
  const slots = new Map<string, number>();
  const slotOf = (word: string) => {
    let slot = slots.get(word);
    if (slot === undefined) {
      slot = slots.size < dimensions ? slots.size : hashWord(word) % dimensions;
      slots.set(word, slot);
    }
    return slot;
  };
  return (text) => {
    const vector = new Array<number>(dimensions).fill(0);
    for (const word of embeddingWords(text)) {
      const slot = slotOf(canonical.get(word) ?? word);
      vector[slot] = (vector[slot] ?? 0) + 1;
    }
    return vector;
  };
}

function embeddingReply(
  response: ServerResponse,
  body: Record<string, unknown>,
  ollama: boolean,
  embed: (text: string) => number[],
) {
  const input = body['input'];
  const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
  const vectors = texts.map(embed);
  const tokens = texts.reduce((sum, text) => sum + estimateTokens(text), 0);
  const model = String(body['model'] ?? 'fake');
  if (ollama) {
    send(response, 200, {
      model,
      embeddings: vectors,
      total_duration: 0,
      load_duration: 0,
      prompt_eval_count: tokens,
    });
    return;
  }
  send(response, 200, {
    object: 'list',
    model,
    data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

function sendScriptedError(
  response: ServerResponse,
  reply: { status: number; body?: unknown; headers?: Record<string, string> },
) {
  send(
    response,
    reply.status,
    reply.body ?? { error: { message: `scripted HTTP ${reply.status}`, type: 'error' } },
    reply.headers,
  );
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

export async function startFakeLlmServer(
  initial: ScriptedReply[] = [],
  options: FakeLlmServerOptions = {},
): Promise<FakeLlmServer> {
  const pending: ScriptedReply[] = [...initial];
  const pendingEmbeddings: ScriptedEmbeddingReply[] = [];
  const embed = fakeEmbedder(options);
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const hang = (response: ServerResponse, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!response.writableEnded) send(response, 500, { error: { message: 'hung' } });
    }, ms);
    timers.add(timer);
  };
  const server: Server = createServer(async (request, response) => {
    const raw = await readBody(request);
    const path = request.url ?? '/';
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      body = {};
    }
    const recorded: RecordedRequest = { path, headers: request.headers, body, raw };
    requests.push(recorded);
    const anthropic = path.endsWith('/messages');
    const ollama = path.endsWith('/api/chat');
    if (path.endsWith('/embeddings') || path.endsWith('/api/embed')) {
      const failure = pendingEmbeddings.shift();
      if (failure && 'hangMs' in failure) hang(response, failure.hangMs);
      else if (failure) sendScriptedError(response, failure);
      else embeddingReply(response, body, path.endsWith('/api/embed'), embed);
      return;
    }
    if (!anthropic && !ollama && !path.endsWith('/chat/completions')) {
      send(response, 404, { error: { message: `no route ${path}` } });
      return;
    }
    const reply = pending.shift();
    if (!reply) {
      send(response, 500, {
        error: { message: 'the fake server has no scripted reply left', type: 'server_error' },
      });
      return;
    }
    if ('hangMs' in reply) {
      hang(response, reply.hangMs);
      return;
    }
    if ('status' in reply) {
      sendScriptedError(response, reply);
      return;
    }
    const text = 'respond' in reply ? reply.respond(recorded) : reply.text;
    if ('delayMs' in reply && reply.delayMs)
      await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    const usage = ('usage' in reply ? reply.usage : undefined) ?? {
      input: estimateTokens(raw),
      output: estimateTokens(text),
    };
    if (anthropic) anthropicReply(response, body, text, usage);
    else if (ollama) ollamaReply(response, body, text, usage);
    else openAiReply(response, body, text, usage);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    ollamaUrl: `http://127.0.0.1:${port}/api`,
    requests,
    pending,
    script: (...replies) => pending.push(...replies),
    scriptEmbeddings: (...replies) => pendingEmbeddings.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The text of every message the model was sent in one request (system prompt included). */
export function promptText(request: RecordedRequest): string {
  const messages = (request.body['messages'] as { content: unknown }[] | undefined) ?? [];
  const system = request.body['system'];
  return [JSON.stringify(system ?? ''), ...messages.map((message) => JSON.stringify(message.content))].join(
    '\n',
  );
}
