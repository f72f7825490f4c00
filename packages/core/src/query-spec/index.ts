export * from './check-query-spec';
export * from './describe-query-spec';
export * from './resolve-relative-date';
export * from './row-position';
export * from './types';
