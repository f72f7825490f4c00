export * from './s3-location';
export * from './s3-storage';
