import type { ValidatedSql } from '@askdata/core';
import type { ConnectionFailure } from '../../src/connection-error';
import type { Connector, TableRef } from '../../src/connector';

/** The connection failures a connector maps to typed errors; a fixture lists the ones its source can produce. */
export type { ConnectionFailure } from '../../src/connection-error';

/**
 * What a connector brings to the contract suite. The fixture has loaded the retail demo tables (customers,
 * products, orders, order_lines, with the CSV column names of `retailCsvFiles`; see retail-tables.ts) where
 * its connector sees them, and cleans up after itself.
 */
export interface ContractFixture {
  connector: Connector;
  /** Where the retail tables live (schema, database), when the source has namespaces. */
  namespace?: string;
  /** Connectors configured to fail in one way each (wrong password, closed port, missing database, …). */
  failingConnections: Partial<Record<ConnectionFailure, () => Connector>>;
  /** A statement in this dialect that runs for at least several seconds (timeout and cancel tests). */
  slowSql: ValidatedSql;
  /** Adds a nullable text column to a retail table, outside the connector (schema change detection). */
  addColumn(table: TableRef, column: string): Promise<void>;
  cleanup(): Promise<void>;
}

export type ContractFactory = () => Promise<ContractFixture>;
