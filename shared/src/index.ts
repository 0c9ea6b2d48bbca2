export * from './api';
export * from './errors';
export * from './limits';
export * from './routes';
export * from './extension-protocol';
export * from './message-rules';
export * from './search-query';
export * from './attention';
