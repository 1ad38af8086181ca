export type { EmailDriver } from './email.driver.ts';
export type { PushDriver } from './fcm.driver.ts';
export { messagingConfigSchema } from './messaging.config.ts';
export { createMessagingDrivers, type MessagingDrivers } from './messaging-drivers.ts';
export { pushConfigSchema } from './push.config.ts';
export { createPushDriver } from './push-driver.ts';
export { createWebhookSmsDriver, type SmsDriver } from './sms.driver.ts';
