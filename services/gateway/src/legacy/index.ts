export { legacyMudevRoutes } from './mudev/index.ts';
export { type LegacyPlaycoOptions, legacyPlaycoSocketModule } from './playco/index.ts';
export { attachLegacyRewind, type LegacyRewindOptions, legacyRewindRoutes } from './rewind/index.ts';
export { type LegacyRoomsOptions, legacyRoomsSocketModule } from './rooms/index.ts';
