/** Datasources (secrets sealed at rest) and per-user permissions on them. */

import type { JsonObject } from './json';

export type DatasourceKind = 'workspace' | 'postgres' | 'mysql' | 'sqlite';
export type DatasourceAccess = 'none' | 'read';

export interface Datasource {
  id: string;
  orgId: string;
  name: string;
  kind: DatasourceKind;
  /** Non-secret settings (host, database, file path, dataset id…), safe to return. */
  config: JsonObject;
  tables: string[];
  /** Access for users without an explicit permission row ('read' for the demo dataset). */
  defaultAccess: DatasourceAccess;
  /** True when encrypted secrets are stored; the secrets themselves come only from `readSecrets`. */
  hasSecrets: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewDatasource {
  name: string;
  kind: DatasourceKind;
  config?: JsonObject;
  /** Connection URL, passwords…: encrypted with AES-256-GCM before they reach the database. */
  secrets?: Record<string, string>;
  tables?: string[];
  defaultAccess?: DatasourceAccess;
  createdBy?: string | null;
}

export interface DatasourceRepository {
  create(orgId: string, input: NewDatasource): Promise<Datasource>;
  get(orgId: string, id: string): Promise<Datasource | null>;
  findByName(orgId: string, name: string): Promise<Datasource | null>;
  list(orgId: string): Promise<Datasource[]>;
  update(
    orgId: string,
    id: string,
    patch: Partial<Pick<NewDatasource, 'name' | 'config' | 'secrets' | 'tables' | 'defaultAccess'>>,
  ): Promise<Datasource | null>;
  /** Decrypted secrets for the server to connect with; never log or return them. */
  readSecrets(orgId: string, id: string): Promise<Record<string, string> | null>;
  /** Deletes the datasource and its permission rows. */
  delete(orgId: string, id: string): Promise<boolean>;
}

export interface DatasourcePermission {
  orgId: string;
  datasourceId: string;
  userId: string;
  access: DatasourceAccess;
  deniedColumns: string[];
  updatedAt: string;
}

export interface DatasourcePermissionRepository {
  /** Insert or replace the permission of one user on one datasource. */
  set(
    orgId: string,
    input: { datasourceId: string; userId: string; access: DatasourceAccess; deniedColumns?: string[] },
  ): Promise<DatasourcePermission>;
  get(orgId: string, datasourceId: string, userId: string): Promise<DatasourcePermission | null>;
  listForDatasource(orgId: string, datasourceId: string): Promise<DatasourcePermission[]>;
  listForUser(orgId: string, userId: string): Promise<DatasourcePermission[]>;
  remove(orgId: string, datasourceId: string, userId: string): Promise<boolean>;
}
