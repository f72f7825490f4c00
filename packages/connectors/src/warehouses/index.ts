export * from './bigquery/index';
export * from './clickhouse/index';
export * from './snowflake/index';
export * from './trino/index';
export { WarehouseConnector } from './warehouse-connector';
export type { RunOptions, WarehouseDriver } from './warehouse-driver';
