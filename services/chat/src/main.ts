import { runDomainService } from '@seed/runtime';
import { createApp, SERVICE_NAME } from './app.ts';
import { loadConfig } from './config.ts';

await runDomainService({ name: SERVICE_NAME, loadConfig: () => loadConfig(), createApp });
