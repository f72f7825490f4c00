export * from './preview-table';
export * from './render-report';
export * from './to-csv';
export * from './to-notebook';
export * from './write-parquet';
export * from './write-xlsx';
