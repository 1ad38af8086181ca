export { attachRealtime, type Realtime, type RealtimeOptions } from './realtime.ts';
