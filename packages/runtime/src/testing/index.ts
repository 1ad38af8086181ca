export * from './database.ts';
export * from './free-port.ts';
export * from './jobs.ts';
export * from './metrics.ts';
export * from './names.ts';
export * from './private-nats.ts';
export * from './private-redis.ts';
export * from './servers.ts';
