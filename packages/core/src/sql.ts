/**
 * SQL strings carry where they came from in their type. Only `ValidatedSql` (produced by the guard
 * package after parsing and checking) may reach a data source; compiled or model-written SQL is
 * `GeneratedSql` until it has been validated.
 */
export type GeneratedSql = string & { readonly __sqlBrand: 'generated' };
export type ValidatedSql = string & { readonly __sqlBrand: 'validated' };

export function generatedSql(sql: string): GeneratedSql {
  return sql as GeneratedSql;
}
