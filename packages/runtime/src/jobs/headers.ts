/** The job's own id: stable across retries and replays (the done-record is keyed by it). */
export const JOB_ID_HEADER = 'Seed-Job-Id';
/** Headers a dead job carries in the dead-letter stream. */
export const JOB_SUBJECT_HEADER = 'Seed-Job-Subject';
export const JOB_ERROR_HEADER = 'Seed-Job-Error';
export const JOB_ERROR_DETAILS_HEADER = 'Seed-Job-Error-Details';
export const JOB_DELIVERIES_HEADER = 'Seed-Job-Deliveries';
export const JOB_FAILED_AT_HEADER = 'Seed-Job-Failed-At';
/** Set on a replayed job: the dead-letter sequence it came from. */
export const JOB_REPLAYED_FROM_HEADER = 'Seed-Job-Replayed-From';
export const NATS_MSG_ID_HEADER = 'Nats-Msg-Id';

/** Header values are single lines of bounded size. */
export const headerValue = (text: string, max = 1_024): string => {
  const line = text.replace(/[\r\n]+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};
