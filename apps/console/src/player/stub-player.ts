import { h } from '../dom.ts';
import type { Player } from './player.ts';

/** A player that shows and records what it is told, in `window.seedPlayerLog`. */
export function createStubPlayer(host: HTMLElement): Player {
  window.seedPlayerLog ??= [];
  const screen = h('div', { className: 'stub-player', 'data-test': 'player' }, 'Stopped');
  host.append(screen);
  let videoId: string | null = null;
  const seconds = (ms: number) => `${Math.floor(ms / 1000)} s`;
  return {
    play(id, positionMs) {
      videoId = id;
      window.seedPlayerLog?.push({ action: 'play', videoId: id, positionMs, atMs: Date.now() });
      screen.textContent = `Playing ${id} from ${seconds(positionMs)}`;
    },
    pause(positionMs) {
      window.seedPlayerLog?.push({ action: 'pause', videoId, positionMs, atMs: Date.now() });
      screen.textContent = `Paused at ${seconds(positionMs)}`;
    },
    destroy: () => screen.remove(),
  };
}
