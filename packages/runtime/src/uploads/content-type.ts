import { fileTypeFromBuffer } from 'file-type';

/** Bytes enough for every signature we check. */
export const SNIFF_BYTES = 4100;

/** The MIME type the content's magic bytes say it is, if they say. */
export async function sniffContentType(head: Uint8Array): Promise<string | undefined> {
  return (await fileTypeFromBuffer(head))?.mime;
}
