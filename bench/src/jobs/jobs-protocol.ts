// What the jobs scenario's producer, workers and the bench say to each other over IPC.

/** Bench → producer: write this many jobs to the outbox, numbered from `from`. */
export interface Produce {
  type: 'produce';
  from: number;
  jobs: number;
}

/** Bench → producer: stop / start the outbox relay (a paused relay lets a backlog build up). */
export type RelaySwitch = { type: 'pause-relay' } | { type: 'start-relay' };

/** Producer → bench: the relay is paused or running, as asked. */
export interface RelaySwitched {
  type: 'relay';
  running: boolean;
}

/** Producer → bench: every job is in the outbox (committed). */
export interface Produced {
  type: 'produced';
  firstAt: number;
  lastAt: number;
}

/** Bench → worker: how many jobs have you run? / send everything you saw / forget the warm-up. */
export type WorkerQuery = { type: 'count' } | { type: 'report' } | { type: 'reset' };

export interface WorkerCount {
  type: 'count';
  runs: number;
}

/** Every run of the handler in one worker: the job's number, when it was enqueued and when it ran. */
export interface WorkerRuns {
  type: 'runs';
  n: number[];
  enqueuedAt: number[];
  doneAt: number[];
}
