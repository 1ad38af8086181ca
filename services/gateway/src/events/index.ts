export { createDomainEvents, type DomainEvents } from './domain-events.ts';
