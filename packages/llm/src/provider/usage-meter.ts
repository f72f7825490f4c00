/**
 * Token and cost accounting per message and per session, and the budget that stops a run. The meter
 * lives as long as the session (a CLI run, a server conversation); each question reads its own share.
 */
import { AskdataError } from '@askdata/core';
import type { Price } from '../config/llm-config';
import type { ChatModel, TokenUsage } from './chat-model';
import type { EmbeddingModel } from './embedding-model';

export interface UsageTotals extends TokenUsage {
  calls: number;
  /** Dollars spent on models with a known price. */
  costUsd: number;
  /** True when some call used a model without a known price (its cost is not in costUsd). */
  costIncomplete: boolean;
}

export interface Budget {
  usd?: number;
  tokens?: number;
}

const empty = (): UsageTotals => ({
  inputTokens: 0,
  outputTokens: 0,
  calls: 0,
  costUsd: 0,
  costIncomplete: false,
});

export class UsageMeter {
  readonly session: UsageTotals = empty();

  constructor(
    readonly budget: Budget = {},
    private readonly prices: (model: string) => Price | undefined = () => undefined,
  ) {}

  /** Throws a clear `llm_budget_exceeded` error when the session has reached its budget. */
  check(): void {
    const { usd, tokens } = this.budget;
    const used = this.session.inputTokens + this.session.outputTokens;
    if (tokens !== undefined && used >= tokens) {
      throw new AskdataError(
        'llm_budget_exceeded',
        `The LLM token budget of ${tokens.toLocaleString('en-US')} tokens for this session is used up (${used.toLocaleString('en-US')} used); the run stopped.`,
        { hint: 'raise ASKDATA_LLM_BUDGET_TOKENS or start a new session' },
      );
    }
    if (usd !== undefined && this.session.costUsd >= usd) {
      throw new AskdataError(
        'llm_budget_exceeded',
        `The LLM budget of $${usd.toFixed(2)} for this session is used up ($${this.session.costUsd.toFixed(4)} spent); the run stopped.`,
        { hint: 'raise ASKDATA_LLM_BUDGET_USD or start a new session' },
      );
    }
  }

  /** Adds one call's usage; returns its cost when the model's price is known. */
  record(model: string, usage: TokenUsage): number | undefined {
    const price = this.prices(model);
    const cost = price
      ? (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000
      : undefined;
    this.session.calls += 1;
    this.session.inputTokens += usage.inputTokens;
    this.session.outputTokens += usage.outputTokens;
    if (cost === undefined) this.session.costIncomplete = true;
    else this.session.costUsd += cost;
    return cost;
  }

  /** A snapshot to diff against later, for per-question usage. */
  snapshot(): UsageTotals {
    return { ...this.session };
  }

  since(start: UsageTotals): UsageTotals {
    return {
      inputTokens: this.session.inputTokens - start.inputTokens,
      outputTokens: this.session.outputTokens - start.outputTokens,
      calls: this.session.calls - start.calls,
      costUsd: this.session.costUsd - start.costUsd,
      costIncomplete: this.session.costIncomplete,
    };
  }
}

/** Checks the budget before each call and records usage after it. */
export function metered(model: ChatModel, meter: UsageMeter): ChatModel {
  return {
    id: model.id,
    async complete(prompt, options) {
      meter.check();
      const reply = await model.complete(prompt, options);
      const cost = meter.record(reply.model, reply.usage);
      return cost === undefined ? reply : { ...reply, costUsd: cost };
    },
  };
}

/** Embedding calls count against the same budget: their tokens are input tokens. */
export function meteredEmbedding(model: EmbeddingModel, meter: UsageMeter): EmbeddingModel {
  return {
    id: model.id,
    async embed(texts, options) {
      meter.check();
      const reply = await model.embed(texts, options);
      const cost = meter.record(reply.model, { inputTokens: reply.tokens, outputTokens: 0 });
      return cost === undefined ? reply : { ...reply, costUsd: cost };
    },
  };
}
