/** What an upload is for, and what such an upload may be. */
export interface UploadPurpose {
  name: string;
  maxBytes: number;
  /** MIME types accepted, checked against the declared type and the content's magic bytes. */
  contentTypes: readonly string[];
}

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
