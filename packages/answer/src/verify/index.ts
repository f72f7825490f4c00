export * from './verification-report';
export * from './verify-answer';
export * from './verify-context';
