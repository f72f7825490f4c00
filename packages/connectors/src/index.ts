export * from './executor';
export * from './mysql/mysql-executor';
export * from './postgres/postgres-executor';
export * from './result-builder';
export * from './sqlite/sqlite-executor';
