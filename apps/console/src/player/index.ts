import type { Player } from './player.ts';
import { createStubPlayer } from './stub-player.ts';
import { createYouTubePlayer } from './youtube-player.ts';

export type { Player };

export const createPlayer = (host: HTMLElement): Player =>
  window.SEED_CONSOLE_PLAYER === 'stub' ? createStubPlayer(host) : createYouTubePlayer(host);
