import type { z } from 'zod';

export interface IssueDetail {
  path: string;
  code: string;
  message: string;
}

/** The zod issues as the `details` of a `validation_failed` error. */
export const zodDetails = (error: z.ZodError): IssueDetail[] =>
  error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
