import { ConfigError, type Logger } from '@seed/runtime';
import { createFcmPushDriver, createLogPushDriver, type PushDriver } from './fcm.driver.ts';
import { createAccessTokenSource } from './fcm-access-token.ts';
import { loadServiceAccount } from './fcm-credentials.ts';
import type { PushConfig } from './push.config.ts';

/** The push driver config names; FCM without usable credentials stops start-up, naming the variable. */
export function createPushDriver(config: PushConfig, logger: Logger): PushDriver {
  if (config.PUSH_DRIVER === 'log') return createLogPushDriver(logger);
  if (!config.FCM_CREDENTIALS) throw new ConfigError(['FCM_CREDENTIALS: required when PUSH_DRIVER=fcm']);
  let account: ReturnType<typeof loadServiceAccount>;
  try {
    account = loadServiceAccount(config.FCM_CREDENTIALS);
  } catch (err) {
    throw new ConfigError([(err as Error).message]);
  }
  return createFcmPushDriver({
    baseUrl: config.FCM_BASE_URL,
    projectId: account.project_id,
    tokens: createAccessTokenSource(account, config.FCM_TOKEN_URL ?? account.token_uri),
    timeoutMs: config.FCM_TIMEOUT_MS,
  });
}
