export * from './define.ts';
export * from './errors.ts';
export * from './ids.ts';
export * from './platform/cleanup.contract.ts';
export * from './platform/jwks.contract.ts';
export * from './platform/socket-delivery.contract.ts';
export * from './registry.ts';
