/**
 * Our own small interface to a language model. The agent speaks only this; the AI SDK sits under one
 * implementation of it. A request is a `GatedPrompt`, which only the request gate can produce, so
 * every prompt that leaves the machine has passed the privacy rules in one place.
 */
import type { GatedPrompt } from '../privacy/request-gate';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatReply {
  text: string;
  usage: TokenUsage;
  /** "provider:model" that produced the reply (after fallbacks). */
  model: string;
  /** Cost in US dollars when the model's price is known. */
  costUsd?: number;
}

export interface ChatCallOptions {
  signal?: AbortSignal;
  /** Receives text as it streams; the reply still carries the whole text. */
  onText?: (delta: string) => void;
  /** Called before a retry or a fallback, with the reason, so the run can report it. */
  onNotice?: (message: string) => void;
  maxOutputTokens?: number;
}

export interface ChatModel {
  /** "provider:model", or a chain's first model followed by "+fallbacks". */
  readonly id: string;
  complete(prompt: GatedPrompt, options?: ChatCallOptions): Promise<ChatReply>;
}
