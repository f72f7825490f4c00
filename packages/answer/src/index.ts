export * from './chart';
export * from './export';
export * from './narrative';
export * from './verify';
