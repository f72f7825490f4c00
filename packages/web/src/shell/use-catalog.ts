import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Datasource, TableInfo } from '../api/types';

/** The datasets this user may read, the chosen one, and its tables. */
export function useCatalog() {
  const [datasources, setDatasources] = useState<Datasource[]>([]);
  const [datasourceId, setDatasourceId] = useState<string>();
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [error, setError] = useState<string>();
  /** False until the first list of datasets arrived (or failed): asking before that has no dataset yet. */
  const [loaded, setLoaded] = useState(false);

  const reload = useCallback(async (select?: string) => {
    try {
      const { datasources: loaded } = await api.datasources();
      setDatasources(loaded);
      setDatasourceId((current) => {
        if (select && loaded.some((datasource) => datasource.id === select)) return select;
        if (current && loaded.some((datasource) => datasource.id === current)) return current;
        return (loaded.find((datasource) => datasource.name === 'Demo retail') ?? loaded[0])?.id;
      });
      setError(undefined);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    setTables([]);
    if (!datasourceId) return;
    let current = true;
    api
      .tables(datasourceId)
      .then((loaded) => current && setTables(loaded.tables))
      .catch(
        (caught: unknown) => current && setError(caught instanceof Error ? caught.message : String(caught)),
      );
    return () => {
      current = false;
    };
  }, [datasourceId]);

  const datasource = datasources.find((entry) => entry.id === datasourceId);
  return { datasources, datasource, datasourceId, setDatasourceId, tables, reload, error, loaded };
}
