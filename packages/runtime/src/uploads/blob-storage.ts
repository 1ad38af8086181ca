/** Where an upload's bytes go: the client sends them there itself. */
export interface UploadTarget {
  url: string;
  method: 'PUT';
  /** Headers the client must send with the bytes. */
  headers: Record<string, string>;
}

/** Blob storage behind one interface; drivers: S3-compatible and the NATS object store. */
export interface BlobStorage {
  uploadTarget(key: string, opts: { contentType: string; size: number; expiresInSec: number }): Promise<UploadTarget>;
  /** The stored object's size, or undefined when nothing is stored under `key`. */
  stat(key: string): Promise<{ size: number } | undefined>;
  /** Up to `bytes` first bytes of the object (to tell its type). */
  head(key: string, bytes: number): Promise<Uint8Array>;
  /** A short-lived URL anyone holding it may read the object from. */
  readUrl(key: string, opts: { contentType: string; expiresInSec: number }): Promise<string>;
  delete(key: string): Promise<void>;
}

/** Reads at most `bytes` from a stream and lets go of the rest. */
export async function firstBytes(stream: ReadableStream<Uint8Array>, bytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < bytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}
