export * from './compile-query';
export * from './dialect';
export * from './dialects/index';
export * from './expression';
export * from './join-planner';
