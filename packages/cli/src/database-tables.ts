import { describeSchemaChange } from '@askdata/connectors';
import { connectDatabase } from './database-source';
import { createTable } from './format/terminal-table';
import { rememberSchema } from './schema-memory';

/** `askdata tables --db …`: what the database holds, as its connector describes it (nothing is copied). */
export async function printDatabaseTables(
  home: string,
  target: string,
  schema: string | undefined,
  json: boolean,
): Promise<void> {
  const connector = await connectDatabase(target, schema);
  try {
    const introspected = await connector.introspect();
    const { tables } = introspected;
    const { previous, changes } = await rememberSchema(home, target, schema, introspected);
    if (json) {
      const since = previous ? { changesSince: previous.takenAt, changes } : {};
      console.log(
        JSON.stringify(
          { source: connector.label, capabilities: connector.capabilities, tables, ...since },
          null,
          2,
        ),
      );
      return;
    }
    if (tables.length === 0) {
      console.log(`${connector.label} has no tables this user can read.`);
      return;
    }
    const rowsHeading = connector.capabilities.rowCounts === 'estimate' ? 'rows (est.)' : 'rows';
    const table = createTable(['table', rowsHeading, 'columns', 'primary key', 'description']);
    for (const entry of tables) {
      table.push([
        entry.namespace ? `${entry.namespace}.${entry.name}` : entry.name,
        entry.rowCount ?? '',
        entry.columns.length,
        (entry.primaryKey ?? []).join(', '),
        entry.description ?? '',
      ]);
    }
    console.log(connector.label);
    console.log(table.toString());
    if (previous && changes.length === 0) console.log(`No schema changes since ${previous.takenAt}.`);
    if (changes.length > 0) {
      console.log(`Schema changes since ${previous?.takenAt}:`);
      for (const change of changes) console.log(`  ${describeSchemaChange(change)}`);
    }
  } finally {
    await connector.close();
  }
}
