export * from './dialect-name';
export * from './errors';
export * from './result';
export * from './schema';
export * from './sql';
