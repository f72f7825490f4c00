import { WarehouseConnector } from '../warehouse-connector';
import { BigqueryDriver, type BigqueryOptions } from './bigquery-driver';

export { type BigqueryOptions, bigqueryCapabilities } from './bigquery-driver';

/** A BigQuery connector; `@google-cloud/bigquery` is loaded on first use. */
export function bigqueryConnector(options: BigqueryOptions): WarehouseConnector {
  return new WarehouseConnector(new BigqueryDriver(options));
}
