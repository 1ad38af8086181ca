import { invalidateDevices, listDevices, registerDevice, unregisterDevice } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { DevicesService } from './devices.service.ts';

/** Binds the push device contracts to the devices service. */
export function serveDevicesHandlers(host: ServiceHost, devices: DevicesService): void {
  host.serve(registerDevice, (input, ctx) => devices.register(ctx.caller, input));
  host.serve(unregisterDevice, async ({ token }, ctx) => {
    await devices.unregister(ctx.caller, token);
    return { removed: true } as const;
  });
  host.serve(listDevices, async ({ userIds }) => ({ devices: await devices.list(userIds) }));
  host.serve(invalidateDevices, async ({ tokens }) => ({ removed: await devices.invalidate(tokens) }));
}
