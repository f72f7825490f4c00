/**
 * One attempt at one model through the AI SDK: streamed when the caller wants text as it arrives,
 * bounded by a timeout, with the SDK's own retries off (ours report each retry). Failures become
 * AskdataErrors carrying an `LlmFailure` in their details, so retry and fallback can read them.
 */
import { AskdataError } from '@askdata/core';
import { generateText, type LanguageModel, streamText } from 'ai';
import type { GatedPrompt } from '../privacy/request-gate';
import type { ChatCallOptions, ChatModel, ChatReply } from './chat-model';
import { classifyLlmError, type LlmFailure } from './llm-error';

export function llmFailureOf(error: unknown): LlmFailure | undefined {
  if (!AskdataError.isInstance(error)) return undefined;
  const failure = error.details?.['llmFailure'];
  return typeof failure === 'object' && failure !== null ? (failure as LlmFailure) : undefined;
}

/** The AskdataError for a provider failure (chat or embedding), with the failure in its details. */
export function failureError(failure: LlmFailure, cause: unknown): AskdataError {
  const code =
    failure.kind === 'timeout'
      ? 'llm_timeout'
      : failure.kind === 'cancelled'
        ? 'query_cancelled'
        : 'llm_failed';
  return new AskdataError(code, `${failure.message}.`, { cause, details: { llmFailure: failure } });
}

export function aiSdkChatModel(model: LanguageModel, id: string, settings: { timeoutMs: number }): ChatModel {
  return {
    id,
    async complete(prompt: GatedPrompt, options: ChatCallOptions = {}): Promise<ChatReply> {
      const timeout = AbortSignal.timeout(settings.timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      const call = {
        model,
        system: prompt.system,
        messages: prompt.messages.map((message) => ({ role: message.role, content: message.content })),
        maxRetries: 0,
        abortSignal: signal,
        temperature: 0,
        ...(options.maxOutputTokens ? { maxOutputTokens: options.maxOutputTokens } : {}),
      };
      try {
        if (!options.onText) {
          const result = await generateText(call);
          return {
            text: result.text,
            usage: {
              inputTokens: result.usage.inputTokens ?? 0,
              outputTokens: result.usage.outputTokens ?? 0,
            },
            model: id,
          };
        }
        // Errors arrive as stream parts and are thrown below; the SDK's default logs them to the console.
        const result = streamText({ ...call, onError: () => undefined });
        let text = '';
        let usage = { inputTokens: 0, outputTokens: 0 };
        for await (const part of result.fullStream) {
          if (part.type === 'text-delta') {
            text += part.text;
            options.onText(part.text);
          } else if (part.type === 'error') {
            throw part.error;
          } else if (part.type === 'abort') {
            throw new DOMException('aborted', 'AbortError');
          } else if (part.type === 'finish') {
            usage = {
              inputTokens: part.totalUsage.inputTokens ?? 0,
              outputTokens: part.totalUsage.outputTokens ?? 0,
            };
          }
        }
        return { text, usage, model: id };
      } catch (error) {
        if (AskdataError.isInstance(error)) throw error;
        const failure: LlmFailure =
          timeout.aborted && !options.signal?.aborted
            ? {
                kind: 'timeout',
                message: `${id} did not answer within ${Math.round(settings.timeoutMs / 1000)} s`,
              }
            : classifyLlmError(error, id);
        throw failureError(failure, error);
      }
    },
  };
}
