/** What the live session needs of a video player. */
export interface Player {
  /** Starts `videoId` at `positionMs`. */
  play(videoId: string, positionMs: number): void;
  /** Pauses at `positionMs`. */
  pause(positionMs: number): void;
  destroy(): void;
}

export interface PlayerCall {
  action: 'play' | 'pause';
  videoId: string | null;
  positionMs: number;
  /** Local epoch milliseconds when the player was told. */
  atMs: number;
}

declare global {
  interface Window {
    /** `stub` swaps the YouTube player for one that only records its calls (tests have no network). */
    SEED_CONSOLE_PLAYER?: 'youtube' | 'stub';
    seedPlayerLog?: PlayerCall[];
  }
}
