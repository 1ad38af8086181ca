import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import {
  headerValue,
  JOB_DELIVERIES_HEADER,
  JOB_ERROR_DETAILS_HEADER,
  JOB_ERROR_HEADER,
  JOB_FAILED_AT_HEADER,
  JOB_ID_HEADER,
  JOB_SUBJECT_HEADER,
} from './headers.ts';
import { deadLetterSubject } from './topology.ts';

export interface Death {
  jobId: string;
  error: string;
  /** Machine-readable cause, e.g. the zod issues of a payload that breaks its contract. */
  details?: unknown;
}

/**
 * Moves a job to the dead-letter stream: the original payload, its own headers, and why it died.
 * Publishing twice for the same delivery of the same job stores it once.
 */
export async function publishDeadLetter(js: JetStreamClient, msg: JsMsg, death: Death): Promise<void> {
  const h = natsHeaders();
  for (const [key, values] of msg.headers ?? []) {
    if (key.startsWith('Nats-')) continue;
    for (const value of values) h.append(key, value);
  }
  h.set(JOB_ID_HEADER, death.jobId);
  h.set(JOB_SUBJECT_HEADER, msg.subject);
  h.set(JOB_ERROR_HEADER, headerValue(death.error || 'unknown error'));
  if (death.details !== undefined) h.set(JOB_ERROR_DETAILS_HEADER, headerValue(JSON.stringify(death.details), 4_096));
  h.set(JOB_DELIVERIES_HEADER, String(msg.info.deliveryCount));
  h.set(JOB_FAILED_AT_HEADER, new Date().toISOString());
  await js.publish(deadLetterSubject(msg.subject), msg.data, { headers: h, msgID: `dlq:${death.jobId}:${msg.seq}` });
}
