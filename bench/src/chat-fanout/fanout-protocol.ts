// What the fan-out load generator's processes and the bench say to each other over IPC.

/** The sender's first word: the room every receiver joins (empty for the bare server). */
export interface RoomReady {
  type: 'room';
  roomId: string;
}

/** The sender's last word, once it has posted for the whole run. */
export interface SenderDone {
  type: 'sent';
  /** Messages posted from this instant on are measured (those before warm the path up). */
  measureFrom: number;
  sent: number;
  measuredSent: number;
  /** Send → acknowledgement of each measured post (chat only): the path before the fan-out. */
  ackLatencies: number[];
}

export interface ReceiversConnected {
  type: 'connected';
}

/** Every delivery one receiver process saw: when its message was sent and how long it took. */
export interface Deliveries {
  type: 'deliveries';
  sentAt: number[];
  latencyMs: number[];
  /** Deliveries of a message a socket had already received (or older than its last one). */
  duplicates: number;
}

export type FanoutMode = 'bare' | 'chat';
/** The socket event each setup delivers a posted message as. */
export const deliveredEvent = (mode: FanoutMode) => (mode === 'chat' ? 'chat:message:created' : 'msg');
