import { initialSchema } from './0001-initial';
import { identitiesAndShareVisits } from './0002-identities-and-share-visits';
import { crossSourcePlans } from './0003-cross-source-plans';
import { questionWriteCosts } from './0004-question-write-costs';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Ordered; append new ones, never edit an applied one. */
export const migrations: Migration[] = [
  { version: 1, name: 'initial', sql: initialSchema },
  { version: 2, name: 'identities and share visits', sql: identitiesAndShareVisits },
  { version: 3, name: 'cross-source plans', sql: crossSourcePlans },
  { version: 4, name: 'question write costs', sql: questionWriteCosts },
];
