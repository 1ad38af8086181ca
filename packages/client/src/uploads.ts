import { errorFromBody } from './api-error.ts';
import type { UploadDomain, UploadPurposes, UploadView } from './api-types.ts';

export interface UploadInput<D extends UploadDomain> {
  purpose: UploadPurposes[D];
  /** The bytes; a Blob or File carries its own type and size. */
  body: Blob | Uint8Array | ArrayBuffer;
  /** Required unless `body` is a Blob with a type. */
  contentType?: string;
  signal?: AbortSignal;
}

interface UploadTicket {
  upload: UploadView;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
}

type Call = (subject: string, input: object, signal?: AbortSignal) => Promise<unknown>;

const sizeOf = (body: Blob | Uint8Array | ArrayBuffer) => (body instanceof Blob ? body.size : body.byteLength);

/**
 * Declares an upload with the domain's service, sends the bytes where it says (a pre-signed S3
 * URL or the gateway's local files route; both are a PUT with the headers it names, and neither
 * takes the bearer token) and completes it, which checks the stored bytes.
 */
export async function uploadFile<D extends UploadDomain>(
  call: Call,
  fetchFn: typeof fetch,
  domain: D,
  input: UploadInput<D>,
): Promise<UploadView> {
  const contentType = input.contentType ?? (input.body instanceof Blob ? input.body.type : '');
  if (!contentType) throw new TypeError('contentType is required for bytes without a type');
  const ticket = (await call(
    `${domain}.upload.create`,
    { purpose: input.purpose, contentType, size: sizeOf(input.body) },
    input.signal,
  )) as UploadTicket;
  const res = await fetchFn(ticket.uploadUrl, {
    method: ticket.method,
    headers: ticket.headers,
    body: input.body as NonNullable<RequestInit['body']>,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  if (!res.ok) {
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {}
    throw errorFromBody(res.status, body);
  }
  await res.body?.cancel();
  return (await call(`${domain}.upload.complete`, { uploadId: ticket.upload.id }, input.signal)) as UploadView;
}
