import { test as kit, type TestGatewayOptions } from '@seed/testkit';
import { registry, serveTestContracts } from './test-service.ts';

/**
 * The kit's fixtures for the gateway's HTTP tests: the gateway serves the test registry, the test
 * service answers it (keeping answers to requests with an `Idempotency-Key` in the file's Redis),
 * `slowStarted` hears each `slow` request as it reaches the service, and `created` lists the names
 * each `create` request ran with.
 */
export const test = kit
  .extend('gatewayOptions', { scope: 'file' }, { registry } as TestGatewayOptions)
  .extend('slowStarted', { scope: 'file' }, () => new Set<(tag: string | undefined) => void>())
  .extend('created', { scope: 'file' }, (): string[] => [])
  .extend(
    'testService',
    { scope: 'file', auto: true },
    async ({ nc, redis, logger, slowStarted, created }, { onCleanup }) => {
      const host = await serveTestContracts(nc, {
        logger,
        redis,
        onSlowStart: (tag) => {
          for (const listener of slowStarted) listener(tag);
        },
        onCreate: (name) => created.push(name),
      });
      onCleanup(() => host.stop());
      return host;
    },
  );
