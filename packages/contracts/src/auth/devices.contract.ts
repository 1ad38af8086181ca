import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id, Timestamp } from '../ids.ts';

/** An FCM registration token. */
export const PushToken = z.string().min(16).max(4096);
export const DevicePlatform = z.enum(['android', 'ios', 'web']);

export const Device = z.object({ token: PushToken, platform: DevicePlatform, createdAt: Timestamp });

/**
 * Served by auth; called by clients. Registers a push token for the caller's current session
 * (a token registered before by anyone moves to this session). Idempotent.
 */
export const registerDevice = defineRequest({
  subject: 'auth.device.register',
  access: 'user',
  request: z.strictObject({ token: PushToken, platform: DevicePlatform }),
  reply: Device,
  http: {
    method: 'POST',
    path: '/api/v1/devices',
    status: 201,
    tags: ['devices'],
    summary: 'Register a push token',
    description:
      'Registers an FCM token for the current session, so chat can push new messages while no socket is connected. A token registered before moves to this session. Idempotent.',
    example: { token: 'fcm-registration-token-from-the-device-sdk', platform: 'android' },
  },
});

/** Served by auth; called by clients. Forgets one of the caller's push tokens; others' are `not_found`. */
export const unregisterDevice = defineRequest({
  subject: 'auth.device.unregister',
  access: 'user',
  request: z.strictObject({ token: PushToken }),
  reply: z.object({ removed: z.literal(true) }),
  errors: ['not_found'],
  http: {
    method: 'DELETE',
    path: '/api/v1/devices/:token',
    tags: ['devices'],
    summary: 'Forget a push token',
    description: "Forgets one of the caller's push tokens; another user's token is `not_found`.",
    example: { token: 'fcm-registration-token-from-the-device-sdk' },
  },
});

/** Served by auth; called by the worker's push job. The push tokens of live sessions of users. */
export const listDevices = defineRequest({
  subject: 'auth.device.list',
  access: 'internal',
  request: z.strictObject({ userIds: z.array(Id).min(1).max(1_000) }),
  reply: z.object({ devices: z.array(z.object({ userId: Id, token: PushToken, platform: DevicePlatform })) }),
  timeoutMs: 3_000,
});

/** Served by auth; called by the worker when FCM calls tokens invalid. Idempotent. */
export const invalidateDevices = defineRequest({
  subject: 'auth.device.invalidate',
  access: 'internal',
  request: z.strictObject({ tokens: z.array(PushToken).min(1).max(1_000) }),
  reply: z.object({ removed: z.number().int().min(0) }),
});
