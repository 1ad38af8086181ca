export * from './database.ts';
export * from './names.ts';
export * from './servers.ts';
