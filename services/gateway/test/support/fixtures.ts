import { test as kit, type TestGatewayOptions } from '@seed/testkit';
import { registry, serveTestContracts } from './test-service.ts';

/**
 * The kit's fixtures for the gateway's HTTP tests: the gateway serves the test registry, the test
 * service answers it, and `slowStarted` hears each `slow` request as it reaches the service.
 */
export const test = kit
  .extend('gatewayOptions', { scope: 'file' }, { registry } as TestGatewayOptions)
  .extend('slowStarted', { scope: 'file' }, () => new Set<(tag: string | undefined) => void>())
  .extend('testService', { scope: 'file', auto: true }, async ({ nc, logger, slowStarted }, { onCleanup }) => {
    const host = await serveTestContracts(nc, {
      logger,
      onSlowStart: (tag) => {
        for (const listener of slowStarted) listener(tag);
      },
    });
    onCleanup(() => host.stop());
    return host;
  });
