/**
 * question → QuerySpec, or a clarifying choice, or an honest abstention. Deterministic and offline.
 */
import { describeQuerySpec, type QuerySpec, type ScalarValue, type SemanticModel } from '@askdata/core';
import { readAbsenceQuestion } from './absence';
import { type Catalog, catalogFromModel } from './catalog';
import { readChoiceQuestion } from './choice-question';
import { readColumnChoice } from './column-choice';
import { readConditionChoice } from './condition-choice';
import { countedNounValues } from './counted-noun-values';
import { readDifferenceQuestion } from './difference-question';
import { dropExclusionEcho } from './exclusion-echo';
import { applyFollowUp, looksLikeFollowUp } from './follow-up';
import { interpret, type Reading } from './interpret';
import { withItemCells } from './item-cells';
import { moveLeadClause } from './lead-clause';
import { Lexicon } from './lexicon';
import { countsOneNamedRow } from './named-row-count';
import { readOrderChoice } from './order-choice';
import { indexOutcomeCells, withOutcomeRows } from './outcome-cells';
import { readPeriodMost } from './period-most';
import { SchemaResolver } from './schema-resolver';
import { suggestQuestions } from './suggestions';
import { withoutSummaryRows } from './summary-rows';
import { readTableQuestion } from './table-lookup';
import { type Correction, tagQuestion } from './tagger';
import { tokenize } from './tokenize';
import { ValueIndex } from './value-index';
import { indexValueSynonyms } from './value-synonyms';

export interface UnderstandContext {
  model: SemanticModel;
  valueIndex?: ValueIndex;
  /** The "today" relative dates resolve against (YYYY-MM-DD); defaults to the current date. */
  asOf?: string;
  /** The previous question's spec, for follow-ups. */
  previous?: QuerySpec;
  /** First row of the previous answer, so "why?" can drill into the top contributor. */
  previousTop?: Record<string, ScalarValue>;
  /** Below this confidence the engine abstains (default 0.7). */
  minConfidence?: number;
}

export type Understanding =
  | {
      kind: 'spec';
      spec: QuerySpec;
      confidence: number;
      interpretation: string;
      corrections: Correction[];
      unmatched: string[];
      /** Output ids that answer the question; the rest only support ordering or grouping. */
      answerColumns?: string[];
      doubts: string[];
    }
  | { kind: 'clarify'; question: string; candidates: Array<{ spec: QuerySpec; description: string }> }
  | { kind: 'abstain'; understood: string[]; notUnderstood: string[]; suggestions: string[]; reason: string };

interface Engine {
  catalog: Catalog;
  lexicon: Lexicon;
  resolver: SchemaResolver;
}

const engines = new WeakMap<SemanticModel, Engine>();

function engineFor(model: SemanticModel): Engine {
  let engine = engines.get(model);
  if (!engine) {
    const catalog = catalogFromModel(model);
    engine = { catalog, lexicon: new Lexicon(catalog), resolver: new SchemaResolver(catalog) };
    engines.set(model, engine);
  }
  return engine;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function understand(question: string, context: UnderstandContext): Understanding {
  // Nothing asked (empty, or only punctuation): nothing to read, so no guess either.
  if (!/[\p{L}\p{N}]/u.test(question)) {
    const engine = engineFor(context.model);
    return {
      kind: 'abstain',
      understood: [],
      notUnderstood: [],
      suggestions: suggestQuestions(engine.catalog, engine.resolver),
      reason: 'the question is empty',
    };
  }
  const first = understandOnce(question, context);
  if (first.kind !== 'abstain') return first;
  // "in 2007, which team won?": asked again with the opening clause at the end.
  const moved = moveLeadClause(question);
  const second = moved === undefined ? undefined : understandOnce(moved, context);
  if (second?.kind === 'spec') return second;
  // "besides Ajax, which other team won?": asked again without the "other" that repeats the exclusion.
  const plain = dropExclusionEcho(moved ?? question);
  const third = plain === undefined ? undefined : understandOnce(plain, context);
  return third?.kind === 'spec' ? third : first;
}

function understandOnce(question: string, context: UnderstandContext): Understanding {
  const engine = engineFor(context.model);
  const asOf = context.asOf ?? today();
  const minConfidence = context.minConfidence ?? 0.7;
  const values = context.valueIndex ?? new ValueIndex();
  indexValueSynonyms(values, context.model);
  indexOutcomeCells(values, context.model);
  const tokens = tokenize(question);
  const tagged = tagQuestion(tokens, { lexicon: engine.lexicon, values, asOfYear: Number(asOf.slice(0, 4)) });
  const typoFactor = 0.95 ** tagged.corrections.length;

  if (context.previous && looksLikeFollowUp(tagged)) {
    const edited = applyFollowUp(tagged, context.previous, engine.resolver, context.previousTop);
    if (edited && edited.confidence >= minConfidence) {
      return {
        kind: 'spec',
        spec: edited.spec,
        confidence: edited.confidence * typoFactor,
        interpretation: `${describeQuerySpec(edited.spec, context.model)} (changed: ${edited.changes.join('; ')})`,
        corrections: tagged.corrections,
        unmatched: [],
        doubts: [],
      };
    }
  }

  // One loaded table: a choice between two named rows ("who had more votes, A or B?") or arithmetic
  // between them is a narrow, exact reading; the general one would list both rows instead.
  const tableContext = { tagged, resolver: engine.resolver, values, asOf };
  const pairReading =
    engine.catalog.tables.length === 1
      ? (readAbsenceQuestion(tableContext) ??
        readChoiceQuestion(tableContext) ??
        readColumnChoice(tableContext) ??
        readDifferenceQuestion(tableContext) ??
        readOrderChoice(tableContext) ??
        readConditionChoice(tableContext))
      : undefined;
  const general = pairReading ?? interpret(tagged, engine.resolver, { asOf });
  // One loaded table: a lookup reading ("what year did X win?") when the general one would abstain.
  const lookup =
    general === undefined || general.confidence * typoFactor < minConfidence
      ? (readPeriodMost(tableContext) ?? readTableQuestion(tableContext))
      : undefined;
  const reading = lookup && lookup.confidence * typoFactor >= minConfidence ? lookup : general;
  if (!reading)
    return abstain(tagged, engine, 'no table or column of this data is named in the question', []);
  const confidence = reading.confidence * typoFactor;
  if (reading.ambiguity && confidence >= minConfidence) {
    const candidates = clarifications(tagged, engine, asOf, reading, context.model);
    if (candidates.length > 1) {
      return { kind: 'clarify', question: `Which "${reading.ambiguity.phrase}" do you mean?`, candidates };
    }
  }
  if (confidence < minConfidence)
    return abstain(tagged, engine, reading.doubts.join('; '), reading.unmatched);
  const onlyTable = engine.catalog.tables.length === 1 ? engine.catalog.tables[0] : undefined;
  const labelColumn = onlyTable ? engine.resolver.labelColumn(onlyTable.name)?.name : undefined;
  if (onlyTable && countsOneNamedRow(reading.spec, onlyTable, tagged, labelColumn))
    return abstain(
      tagged,
      engine,
      'counting the rows of one named row would give 1; the amount is likely a cell',
      [],
    );
  // "how many churches are listed?": the counted noun may be a word in the cells (counted-noun-values.ts).
  const counted = onlyTable ? countedNounValues(reading.spec, onlyTable, tagged, values) : undefined;
  if (counted?.kind === 'refused') return abstain(tagged, engine, counted.reason, []);
  const countedSpec = counted?.kind === 'filtered' ? counted.spec : reading.spec;
  // "how many wins are there?" over results written "W 28–21": only the rows won (outcome-cells.ts).
  const spec = onlyTable ? withOutcomeRows(countedSpec, tagged, onlyTable, values) : countedSpec;
  const result: Understanding = {
    kind: 'spec',
    spec: engine.catalog.tables.length === 1 ? withItemCells(withoutSummaryRows(spec, values), values) : spec,
    confidence,
    interpretation: describeQuerySpec(spec, context.model),
    corrections: tagged.corrections,
    unmatched: reading.unmatched,
    doubts: counted?.kind === 'filtered' ? [...reading.doubts, counted.doubt] : reading.doubts,
  };
  if (reading.answerColumns) result.answerColumns = reading.answerColumns;
  return result;
}

function clarifications(
  tagged: ReturnType<typeof tagQuestion>,
  engine: Engine,
  asOf: string,
  reading: Reading,
  model: SemanticModel,
): Array<{ spec: QuerySpec; description: string }> {
  const ambiguity = reading.ambiguity;
  if (!ambiguity) return [];
  const candidates: Array<{ spec: QuerySpec; description: string }> = [];
  for (const option of ambiguity.options.slice(0, 4)) {
    const forced = interpret(tagged, engine.resolver, {
      asOf,
      forced: new Map([[ambiguity.tagIndex, option]]),
    });
    if (!forced) continue;
    const description = `${describeQuerySpec(forced.spec, model)} ("${ambiguity.phrase}" = ${option.table}.${option.name})`;
    if (!candidates.some((candidate) => JSON.stringify(candidate.spec) === JSON.stringify(forced.spec)))
      candidates.push({ spec: forced.spec, description });
  }
  return candidates;
}

function abstain(
  tagged: ReturnType<typeof tagQuestion>,
  engine: Engine,
  reason: string,
  unmatched: string[],
): Understanding {
  const understood: string[] = [];
  const notUnderstood = new Set(unmatched);
  for (const tag of tagged.tags) {
    const text = tagged.tokens
      .slice(tag.start, tag.end)
      .map((token) => token.text)
      .join(' ');
    if (tag.type === 'unknown') notUnderstood.add(tag.word);
    else if (
      tag.type === 'schema' ||
      tag.type === 'value' ||
      tag.type === 'date' ||
      tag.type === 'comparison'
    )
      understood.push(text);
  }
  return {
    kind: 'abstain',
    understood,
    notUnderstood: [...notUnderstood],
    suggestions: suggestQuestions(engine.catalog, engine.resolver),
    reason: reason || 'the question could not be read with enough confidence',
  };
}
