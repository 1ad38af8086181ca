export { createOfflinePush, pushContent } from './offline-push.ts';
