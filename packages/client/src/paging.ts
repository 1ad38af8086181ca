import type { CallOptions } from './api-types.ts';

type PageCall = (input: object | undefined, options?: CallOptions) => Promise<unknown>;
interface Page {
  data: unknown[];
  nextCursor: string | null;
}

/** Every page of a list, asking for the next one only when the iteration gets there. */
export async function* pages(
  call: PageCall,
  cursor: 'cursor' | 'before',
  input: object | undefined,
  options?: CallOptions,
): AsyncGenerator<Page> {
  let next: string | null | undefined = (input as Record<string, string> | undefined)?.[cursor];
  do {
    const page = (await call({ ...input, ...(next ? { [cursor]: next } : {}) }, options)) as Page;
    yield page;
    next = page.nextCursor;
  } while (next);
}

/** Every item of a list, page after page. */
export async function* items(
  call: PageCall,
  cursor: 'cursor' | 'before',
  input: object | undefined,
  options?: CallOptions,
): AsyncGenerator<unknown> {
  for await (const page of pages(call, cursor, input, options)) yield* page.data;
}
