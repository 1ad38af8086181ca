import WebSocket from 'ws';

export interface Frame {
  type: string;
  payload: Record<string, unknown>;
}

/** A REWIND client on a gateway's `/ws` (or another of its paths): sends frames, keeps every frame it gets. */
export async function connectRewind(baseUrl: string, path = '/ws') {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`);
  const frames: Frame[] = [];
  let closed: { code: number; reason: string } | undefined;
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  ws.on('close', (code, reason) => {
    closed = { code, reason: String(reason) };
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    closed: () => closed,
    send(type: string, payload: unknown) {
      ws.send(JSON.stringify({ type, payload }));
    },
    /** Sends a whole frame, `{type, payload}`. */
    frame(frame: { type: string; payload: unknown }) {
      ws.send(JSON.stringify(frame));
    },
    raw(data: string) {
      ws.send(data);
    },
    of(type: string, subtype?: string) {
      return frames.filter((f) => f.type === type && (subtype === undefined || f.payload?.type === subtype));
    },
    close() {
      ws.close();
    },
  };
}

export type RewindClient = Awaited<ReturnType<typeof connectRewind>>;
