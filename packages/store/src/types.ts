/**
 * The public shapes of the metadata store. Every row carries `orgId`; ids are UUID strings and
 * timestamps ISO-8601 strings, so a record can go into a JSON response as it is. Secrets (password
 * hashes, token hashes, encrypted datasource secrets) never appear in these shapes.
 */

export type * from './types/accounts';
export type * from './types/audit';
export type * from './types/conversations';
export type * from './types/cross-source-plans';
export type * from './types/datasources';
export type * from './types/json';
export type * from './types/metrics';
export type * from './types/questions';
export type * from './types/runs';
