import type { FrostEnvelope } from '@seed/contracts';
import { toHttpError } from '../../http/index.ts';

type Data = Record<string, unknown>;

/** FROST's envelope: `success` below 400, `code` the HTTP status again. */
export const frost = (status: number, subCode: string, data: Data = {}, message = ''): FrostEnvelope => ({
  success: status < 400,
  code: status,
  sub_code: subCode,
  message,
  data,
});

/** A failure in FROST's terms: the status, the sub-code the client branches on, its data. */
export class FrostFailure extends Error {
  readonly status: number;
  readonly subCode: string;
  readonly data: Data;

  constructor(status: number, subCode: string, data: Data = {}, message = subCode) {
    super(message);
    this.status = status;
    this.subCode = subCode;
    this.data = data;
  }

  get envelope(): FrostEnvelope {
    return frost(this.status, this.subCode, this.data, this.message);
  }
}

type Case = [status: number, subCode: string, data?: (details: unknown) => Data];

const predictionFailed = (reason: string): Case => [
  412,
  'resource.prediction_failed',
  () => ({ prediction_failed_reason: [reason] }),
];
const badSemantics = (field: string, reason: string): Case => [
  422,
  'request.body.bad_semantics',
  () => ({ bad_semantics: [{ [field]: reason }] }),
];

/** The platform's error codes as FROST answers them (sub-codes from FROST's and MUdev's response cases). */
const frostCases: Record<string, Case> = {
  bad_request: [400, 'request.body.invalid'],
  validation_failed: [
    422,
    'request.body.bad_semantics',
    (details) => ({
      bad_semantics: (Array.isArray(details) ? details : []).map((d: { path?: string; message?: string }) => ({
        field: d.path ?? '',
        reason: d.message ?? '',
      })),
    }),
  ],
  unsupported_media_type: [415, 'http.content_type_unsupport'],
  route_not_found: [404, 'http.not_found'],
  rate_limited: [429, 'request.rate_limit'],
  unauthenticated: [401, 'access_token.invalid'],
  token_expired: [401, 'access_token.expired'],
  forbidden: [403, 'resource.forbidden'],
  not_found: [404, 'resource.not_found', () => ({ resource_name: 'playco_playlist' })],
  precondition_required: [400, 'request.header.omitted', () => ({ lacks: ['If-Match'] })],
  version_mismatch: predictionFailed('playlist_outdated'),
  invalid_video_url: predictionFailed('link_not_implemented'),
  video_unavailable: predictionFailed('link_data_fetch_failed'),
  metadata_unavailable: predictionFailed('link_data_fetch_failed'),
  playlist_limit_reached: [409, 'resource.unique_failed', () => ({ duplicate: ['playco_playlist'] })],
  duplicate_item: [409, 'resource.unique_failed', () => ({ duplicate: ['link'] })],
  playlist_full: [409, 'resource.conflict', () => ({ conflict_reason: ['playlist_full'] })],
  position_out_of_range: [404, 'resource.not_found', () => ({ resource_name: 'playco_playlist_item' })],
  invalid_credentials: [
    401,
    'user.wrong_password',
    (details) => {
      const left = (details as { attemptsLeft?: unknown } | undefined)?.attemptsLeft;
      return typeof left === 'number' ? { left_chance: left } : {};
    },
  ],
  account_locked: [401, 'user.locked', () => ({ reason: 'TOO_MUCH_LOGIN_FAIL' })],
  email_not_verified: [401, 'user.email_not_verified'],
  email_taken: [409, 'user.already_used', () => ({ duplicate: ['email'] })],
  nickname_taken: [409, 'user.already_used', () => ({ duplicate: ['id'] })],
  weak_password: badSemantics('pw', 'NEED_MORE_CHAR_TYPE'),
  email_domain_not_allowed: badSemantics('email', 'NOT_A_VALID_EMAIL_ADDRESS'),
  refresh_invalid: [401, 'refresh_token.invalid'],
  refresh_reused: [401, 'refresh_token.invalid'],
};

/** A sub-code for any other client error, by its status. */
const byStatus: Record<number, string> = {
  400: 'request.body.invalid',
  401: 'access_token.invalid',
  403: 'resource.forbidden',
  404: 'resource.not_found',
  409: 'resource.conflict',
  412: 'resource.prediction_failed',
  413: 'request.body.invalid',
  422: 'request.body.bad_semantics',
  429: 'request.rate_limit',
};

/**
 * What FROST answers for any failure: a refusal as it is, a platform error by its code (or its
 * status), anything of ours as `backend.error`.
 */
export function frostFailureOf(err: unknown): FrostFailure {
  if (err instanceof FrostFailure) return err;
  const { status, body } = toHttpError(err);
  const known = frostCases[body.code];
  if (known) {
    const [code, subCode, data] = known;
    return new FrostFailure(code, subCode, data?.(body.details) ?? {}, body.message);
  }
  if (status >= 500) return new FrostFailure(status, 'backend.error', {}, 'the request could not be served; try again');
  return new FrostFailure(status, byStatus[status] ?? 'request.body.invalid', {}, body.message);
}
