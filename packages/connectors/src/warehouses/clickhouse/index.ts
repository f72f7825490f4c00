import { WarehouseConnector } from '../warehouse-connector';
import { ClickhouseDriver, type ClickhouseOptions } from './clickhouse-driver';

export { type ClickhouseOptions, clickhouseCapabilities } from './clickhouse-driver';

/** A ClickHouse connector; `@clickhouse/client` is loaded on first use. */
export function clickhouseConnector(options: ClickhouseOptions): WarehouseConnector {
  return new WarehouseConnector(new ClickhouseDriver(options));
}
