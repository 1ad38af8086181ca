import { AppError } from '@seed/runtime';
import { z } from 'zod';

export interface VideoMetadata {
  title: string;
  thumbnailUrl: string | null;
  durationSeconds: number | null;
}

export interface VideoMetadataSource {
  /** `video_unavailable` for an unknown or private video; `metadata_unavailable` when the source fails. */
  lookup(watchUrl: string): Promise<VideoMetadata>;
}

const OembedReply = z.object({
  title: z.string().min(1).max(500),
  thumbnail_url: z.string().max(2048).optional(),
  /** Not part of YouTube's oEmbed today; taken when a source sends it. */
  duration: z.number().int().nonnegative().optional(),
});

/** YouTube answers these for a video that does not exist, is private or may not be embedded. */
const UNAVAILABLE = new Set([400, 401, 403, 404]);

/** Video metadata through oEmbed (`GET <endpoint>?url=<watch url>&format=json`), with a timeout. */
export function createOembedClient(opts: { endpoint: string; timeoutMs: number }): VideoMetadataSource {
  return {
    async lookup(watchUrl) {
      const url = new URL(opts.endpoint);
      url.searchParams.set('url', watchUrl);
      url.searchParams.set('format', 'json');
      let res: Response;
      try {
        res = await fetch(url, {
          signal: AbortSignal.timeout(opts.timeoutMs),
          headers: { accept: 'application/json' },
        });
      } catch (err) {
        const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
        throw new AppError(
          'metadata_unavailable',
          timedOut ? 'video metadata timed out' : 'video metadata unreachable',
        );
      }
      if (UNAVAILABLE.has(res.status)) {
        await res.body?.cancel();
        throw new AppError('video_unavailable', 'the video does not exist or is not public');
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new AppError('metadata_unavailable', `video metadata answered ${res.status}`);
      }
      const parsed = OembedReply.safeParse(await res.json().catch(() => undefined));
      if (!parsed.success) throw new AppError('metadata_unavailable', 'video metadata is malformed');
      return {
        title: parsed.data.title,
        thumbnailUrl: parsed.data.thumbnail_url ?? null,
        durationSeconds: parsed.data.duration ?? null,
      };
    },
  };
}
