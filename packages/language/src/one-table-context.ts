import type { SchemaResolver } from './schema-resolver';
import type { TaggedQuestion } from './tagger';
import type { ValueIndex } from './value-index';

/** What the readers for questions over one loaded table get: the tagged question and the table's indexes. */
export interface OneTableContext {
  tagged: TaggedQuestion;
  resolver: SchemaResolver;
  values: ValueIndex;
  asOf: string;
}
