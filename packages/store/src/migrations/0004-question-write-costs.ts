/**
 * Run events are the most written rows (a dozen or more per question) and were the costliest: each row's
 * two foreign-key checks ran as one query each, about five times the cost of the insert itself. Events
 * are only ever written by the store, in the transaction that reads, inserts or locks their run, so the
 * per-row checks guard nothing the code does not. What the foreign key also did — remove a run's events
 * with the run — is kept by one statement-level trigger per delete (decision 0006, "Throughput (session 5)").
 *
 * Every question also looks up its session's latest complete reply (what a follow-up builds on). The
 * general (session, position) index made that a scan of the whole session once statistics lagged behind
 * a busy session; a partial index of complete replies makes it one index entry.
 */
export const questionWriteCosts = `
ALTER TABLE run_events DROP CONSTRAINT IF EXISTS run_events_org_id_fkey;
ALTER TABLE run_events DROP CONSTRAINT IF EXISTS run_events_run_id_fkey;

CREATE FUNCTION askdata_delete_run_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM run_events WHERE run_id IN (SELECT id FROM deleted_runs);
  RETURN NULL;
END
$$;
CREATE TRIGGER runs_delete_events AFTER DELETE ON runs
  REFERENCING OLD TABLE AS deleted_runs
  FOR EACH STATEMENT EXECUTE FUNCTION askdata_delete_run_events();

CREATE INDEX messages_latest_reply ON messages (session_id, position)
  WHERE role = 'assistant' AND status = 'complete';
`;
