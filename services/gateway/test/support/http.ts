/** A parsed response body; the assertions on it are the checks. */
// biome-ignore lint/suspicious/noExplicitAny: shape is asserted by each test
export type Json = any;

export const json = (res: Response): Promise<Json> => res.json() as Promise<Json>;
