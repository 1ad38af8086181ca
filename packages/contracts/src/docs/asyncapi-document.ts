import type { JsonSchema } from './json-schemas.ts';

/** A `$ref` to another part of the same document, e.g. `#/channels/auth.jwks.get`. */
export interface Ref {
  $ref: string;
}

export interface AsyncApiServer {
  host: string;
  protocol: string;
  pathname?: string;
  title?: string;
  description?: string;
}

export interface AsyncApiMessage {
  name: string;
  title?: string;
  summary?: string;
  description?: string;
  contentType: string;
  headers?: JsonSchema | Ref;
  payload: JsonSchema | Ref;
}

export interface AsyncApiChannel {
  /** `null` for a reply channel whose address is only known at run time (an inbox). */
  address: string | null;
  title?: string;
  description?: string;
  messages: Record<string, AsyncApiMessage | Ref>;
  servers?: Ref[];
}

export interface AsyncApiOperation {
  action: 'send' | 'receive';
  channel: Ref;
  title?: string;
  summary?: string;
  description?: string;
  messages: Ref[];
  reply?: { channel: Ref; messages: Ref[] };
  tags?: { name: string }[];
  bindings?: Record<string, unknown>;
  /** Platform details AsyncAPI has no field for: access, timeout, error codes, HTTP route, job retries. */
  'x-seed'?: Record<string, unknown>;
}

/** An AsyncAPI 3.0.0 document as plain JSON. */
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description?: string };
  defaultContentType: string;
  servers: Record<string, AsyncApiServer>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: { schemas: Record<string, JsonSchema>; messages: Record<string, AsyncApiMessage> };
}

/** Keys double as JSON pointer segments, so they keep to characters that need no escaping. */
export function key(...parts: string[]): string {
  return parts
    .map((p) => p.replace(/[^A-Za-z0-9_-]+/g, '.').replace(/^\.+|\.+$/g, ''))
    .filter(Boolean)
    .join('.');
}

/** `auth.jwks.get` → `AuthJwksGet`, `PLAYLIST_MODIFIED` → `PlaylistModified`, `roomUsers` → `RoomUsers`. */
export function pascal(...parts: string[]): string {
  return parts
    .flatMap((p) => p.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((w) => (w === w.toUpperCase() ? w.toLowerCase() : w))
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

export const ref = (...path: string[]): Ref => ({ $ref: `#/${path.join('/')}` });
