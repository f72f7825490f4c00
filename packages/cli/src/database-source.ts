import { type AnalysisSource, connectorSource } from '@askdata/assistant';
import { type Connector, openConnector } from '@askdata/connectors';

/** Splits `--schema a,b` into names; undefined when not given. */
export function namespacesOption(value: string | undefined): string[] | undefined {
  const names = value
    ?.split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return names && names.length > 0 ? names : undefined;
}

/** The connector for `--db <postgres://…|mysql://…|file.sqlite|workspace folder>`, connected (typed errors). */
export async function connectDatabase(target: string, schema: string | undefined): Promise<Connector> {
  const namespaces = namespacesOption(schema);
  const connector = await openConnector(target, namespaces ? { namespaces } : {});
  try {
    await connector.connect();
    return connector;
  } catch (error) {
    await connector.close();
    throw error;
  }
}

/** `--db` as an analysis source: questions run in that database (push-down). */
export async function openDatabaseSource(
  target: string,
  schema: string | undefined,
): Promise<AnalysisSource> {
  const connector = await connectDatabase(target, schema);
  try {
    return await connectorSource(connector);
  } catch (error) {
    await connector.close();
    throw error;
  }
}
