import type { PrivateNats, PrivateRedis } from '@seed/runtime/testing';
import type { Redis } from 'ioredis';
import type { SteadyLoad } from '../load/steady-load.ts';
import type { ChaosCluster } from '../world/cluster.ts';
import type { Sms } from '../world/sms-sink.ts';

/** What a scenario acts on. */
export interface ScenarioWorld {
  cluster: ChaosCluster;
  nats: PrivateNats;
  redisServer: PrivateRedis;
  redis: Redis;
  sms: Sms[];
  /** Sends `count` SMS code requests at once, counted with the load's. */
  burstCodes(count: number): Promise<void>;
  load: SteadyLoad;
}

/** When the fault began and ended (a kill ends at once; a stall when the server resumes). */
export interface FaultWindow {
  start: number;
  end: number;
}

export interface Scenario {
  name: string;
  /** What it does, for the report. */
  what: string;
  /** Every request must succeed again within this after the fault ended. */
  recoverWithinMs: number;
  inject(world: ScenarioWorld): Promise<FaultWindow>;
}
