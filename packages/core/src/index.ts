export * from './dialect-name';
export * from './errors';
export * from './schema';
