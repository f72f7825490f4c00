import { WarehouseConnector } from '../warehouse-connector';
import { SnowflakeDriver, type SnowflakeOptions } from './snowflake-driver';

export { type SnowflakeOptions, snowflakeCapabilities } from './snowflake-driver';

/** A Snowflake connector; `snowflake-sdk` (not installed by default) is loaded on first use. */
export function snowflakeConnector(options: SnowflakeOptions): WarehouseConnector {
  return new WarehouseConnector(new SnowflakeDriver(options));
}
