import { initialSchema } from './0001-initial';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Ordered; append new ones, never edit an applied one. */
export const migrations: Migration[] = [{ version: 1, name: 'initial', sql: initialSchema }];
