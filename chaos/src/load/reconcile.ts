import { setTimeout as sleep } from 'node:timers/promises';
import type postgres from 'postgres';
import type { Sms } from '../world/sms-sink.ts';
import type { Sent } from './steady-load.ts';

export interface MessageLedger {
  acked: number;
  /** Acknowledged to the sender but not stored. */
  lost: number;
  /** Stored more than once. */
  doubled: number;
  /** Not acknowledged (the sender saw a failure) yet stored: a retry with the same id is harmless. */
  unackedStored: number;
}

/** Messages the load sent against what chat stored, by their `clientMsgId`. */
export async function reconcileMessages(sql: postgres.Sql, sent: Sent[]): Promise<MessageLedger> {
  const keys = sent.map((m) => m.key);
  const rows = keys.length
    ? await sql<{ key: string; n: number }[]>`
        select client_msg_id as key, count(*)::int as n from chat.messages
        where client_msg_id = any(${keys}) group by client_msg_id`
    : [];
  const stored = new Map(rows.map((r) => [r.key, r.n]));
  return {
    acked: sent.filter((m) => m.acked).length,
    lost: sent.filter((m) => m.acked && !stored.has(m.key)).length,
    doubled: rows.filter((r) => r.n > 1).length,
    unackedStored: sent.filter((m) => !m.acked && stored.has(m.key)).length,
  };
}

export interface JobLedger {
  accepted: number;
  /** Accepted requests whose SMS never arrived. */
  lost: number;
  /** Requests that produced more than one job (different job ids). */
  doubled: number;
  /** The same job delivered again (same Idempotency-Key: a provider drops the copy). */
  redelivered: number;
}

/** SMS code requests the load sent against the SMS the worker delivered, waiting up to `settleMs`. */
export async function reconcileJobs(received: Sms[], sent: Sent[], settleMs: number): Promise<JobLedger> {
  const accepted = sent.filter((c) => c.acked);
  const deliveredTo = () => new Set(received.map((s) => s.to));
  const until = Date.now() + settleMs;
  while (Date.now() < until && accepted.some((c) => !deliveredTo().has(c.key))) await sleep(250);
  const phones = new Set(sent.map((c) => c.key));
  const keysByPhone = new Map<string, string[]>();
  for (const s of received) if (phones.has(s.to)) keysByPhone.set(s.to, [...(keysByPhone.get(s.to) ?? []), s.key]);
  const delivered = deliveredTo();
  return {
    accepted: accepted.length,
    lost: accepted.filter((c) => !delivered.has(c.key)).length,
    doubled: [...keysByPhone.values()].filter((keys) => new Set(keys).size > 1).length,
    redelivered: [...keysByPhone.values()].filter((keys) => keys.length > new Set(keys).size).length,
  };
}
