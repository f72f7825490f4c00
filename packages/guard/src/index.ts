export * from './dry-run';
export * from './function-allowlist';
export { loadPgParser } from './pg-validate';
export * from './types';
export { validateSql, validateSqlSync } from './validate-sql';
