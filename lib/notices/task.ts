// The notice producer as a graphile-worker task on a cron schedule. graphile-worker records each
// cron tick in its known_crontabs table, so with many workers every tick runs once.
import { produceNotices } from "./produce-notices";

export const PRODUCE_NOTICES_TASK = "notices_produce";

/** Every 5 minutes; one attempt (the next tick is the retry). */
export const NOTICES_CRONTAB = `*/5 * * * * ${PRODUCE_NOTICES_TASK} ?max=1`;

export async function produceNoticesTask(): Promise<void> {
  await produceNotices();
}
