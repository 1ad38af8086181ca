export * from './outbox.table.ts';
export * from './relay.ts';
export * from './write-outbox.ts';
