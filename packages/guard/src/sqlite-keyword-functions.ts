/** SQL keywords PostgreSQL's parser turns into functions (SQLValueFunction ops) but SQLite treats as plain identifiers. */
export const sqliteKeywordFunctions: Readonly<Record<string, string>> = {
  SVFOP_USER: 'user',
  SVFOP_CURRENT_USER: 'current_user',
  SVFOP_SESSION_USER: 'session_user',
  SVFOP_CURRENT_ROLE: 'current_role',
  SVFOP_CURRENT_CATALOG: 'current_catalog',
  SVFOP_CURRENT_SCHEMA: 'current_schema',
  SVFOP_LOCALTIME: 'localtime',
  SVFOP_LOCALTIMESTAMP: 'localtimestamp',
};
