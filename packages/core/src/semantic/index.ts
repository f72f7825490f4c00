export * from './apply-semantic-yaml';
export * from './closest-name';
export * from './derive-semantic-model';
export * from './semantic-config-schema';
export * from './types';
