import { chatFanout } from './chat-fanout.ts';
import { deliveryFanin } from './delivery-fanin.ts';
import { gatewayMemory } from './gateway-memory.ts';
import { gatewaySelect1 } from './gateway-select1.ts';
import { jobs } from './jobs.ts';
import { loginStorm } from './login-storm.ts';
import { routesScenario } from './routes.ts';
import type { Scenario } from './scenario.ts';
import { storm } from './storm.ts';

/** Every scenario, in the order a full run takes them. */
export const scenarios: Scenario[] = [
  gatewaySelect1,
  routesScenario,
  loginStorm,
  chatFanout,
  storm,
  deliveryFanin,
  jobs,
  gatewayMemory,
];
