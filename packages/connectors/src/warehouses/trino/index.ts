import { WarehouseConnector } from '../warehouse-connector';
import { TrinoDriver, type TrinoOptions } from './trino-driver';

export { type TrinoOptions, trinoCapabilities } from './trino-driver';

/** A Trino connector; `trino-client` is loaded on first use. */
export function trinoConnector(options: TrinoOptions): WarehouseConnector {
  return new WarehouseConnector(new TrinoDriver(options));
}
