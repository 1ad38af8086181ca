export { cleanupSchedule } from './cleanup.schedule.ts';
export { startScheduler } from './scheduler.ts';
