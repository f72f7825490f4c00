/**
 * Previewed cross-source plans (uploaded files × a database table) waiting for their person to confirm the
 * full run. In the metadata store rather than one process's memory, so "Run in full" works on whichever
 * server process the load balancer picks. Rows expire (15 minutes by default) and are swept on insert.
 */
export const crossSourcePlans = `
CREATE TABLE cross_source_plans (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  file_datasource_id uuid NOT NULL REFERENCES datasources (id) ON DELETE CASCADE,
  database_datasource_id uuid NOT NULL REFERENCES datasources (id) ON DELETE CASCADE,
  plan jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX cross_source_plans_expiry ON cross_source_plans (expires_at);
`;
