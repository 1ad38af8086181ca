import { invalidateDevices, listDevices, type pushSend } from '@seed/contracts';
import { type JobHandler, type NatsConnection, request } from '@seed/runtime';
import type { PushDriver } from '../drivers/index.ts';

/**
 * `jobs.push.send`: sends the push to every device the user registered with auth; tokens FCM
 * calls unregistered are removed through auth. A device that fails fails the job, which is
 * retried for all devices: the collapse key makes a repeat replace the first on the device.
 */
export function createPushSendHandler(deps: { nc: NatsConnection; push: PushDriver }): JobHandler<typeof pushSend> {
  return async (job, ctx) => {
    const { devices } = await request(deps.nc, listDevices, { userIds: [job.userId] });
    if (devices.length === 0) return;
    const message = {
      collapseKey: job.collapseKey,
      notification: job.notification,
      data: job.data,
      ttlSeconds: job.ttlSeconds,
    };
    const results = await Promise.allSettled(devices.map((d) => deps.push.send(message, d.token, ctx.signal)));
    const gone = devices.filter((_, i) => {
      const r = results[i];
      return r?.status === 'fulfilled' && r.value === 'unregistered';
    });
    if (gone.length > 0) {
      await request(deps.nc, invalidateDevices, { tokens: gone.map((d) => d.token) });
      ctx.logger.info({ userId: job.userId, removed: gone.length }, 'unregistered push tokens removed');
    }
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length > 0)
      throw new Error(
        `push failed on ${failed.length} of ${devices.length} devices: ${(failed[0] as PromiseRejectedResult).reason}`,
      );
  };
}
