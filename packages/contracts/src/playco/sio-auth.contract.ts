import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id } from '../ids.ts';

/** The legacy spellings: `sid` is the socket id on `/playco_ws`, the csrf token a client secret. */
export const SioCredentials = z.object({
  sid: z.string().min(1).max(128),
  sio_csrf_token: z.string().min(8).max(256),
});

/**
 * Served by playco (legacy protocol): issues a Socket.IO token for the caller, bound to the
 * socket `sid` and the `sio_csrf_token`, valid `PLAYCO_SIO_TOKEN_TTL_MS` (1 h). Asking again
 * gives a new token; the socket's session is kept. Not idempotent.
 */
export const issueSioToken = defineRequest({
  subject: 'playco.sio.issue',
  access: 'user',
  request: SioCredentials,
  reply: z.object({ sio_token: z.object({ token: z.string(), exp: z.iso.datetime() }) }),
  errors: ['validation_failed'],
  http: {
    method: 'POST',
    path: '/api/v1/playco/socketio/auth',
    tags: ['playco'],
    summary: 'Socket.IO token of the legacy protocol',
    description:
      "For PlayCo's legacy clients on namespace `/playco_ws`: a token bound to the socket's `sid` and a client secret, valid 1 h, sent with every legacy event. Clients of namespace `/` do not need it.",
    example: { sid: 'pCq3X0dN2mGfYk8AAAAB', sio_csrf_token: '5b1f0c2e9a7d4e38' },
  },
});

/**
 * Served by playco; called by the gateway's `/playco_ws` module for each event. Whose token this
 * is, when it was issued for this `sid` and csrf token: `sio_token_expired` past its time,
 * `sio_token_invalid` otherwise. Read-only.
 */
export const verifySioToken = defineRequest({
  subject: 'playco.sio.verify',
  access: 'internal',
  request: SioCredentials.extend({ sio_token: z.string().min(1).max(512) }),
  reply: z.object({ userId: Id, expiresAt: z.iso.datetime() }),
  errors: ['sio_token_expired', 'sio_token_invalid'],
});
