import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/test-db.ts';
import type { Database } from '../db/client.ts';
import { type JobDefinition, startJobQueue } from './job-queue.ts';

/*
 * Issue 15 (embedded restart ≤ 3 s): pg-boss's create_queue took ~80 ms a queue on PGlite even for a
 * queue that exists. At a restart the queues are there: they are not created again, their options are
 * still brought up to date, and their jobs run.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** The database as the queue sees it, counting the statements that create a queue. */
function counting() {
  const created: string[] = [];
  return {
    created,
    database: {
      async executeSql(text: string, values?: unknown[]) {
        // A call with a queue name (the schema script that defines the function has no values).
        if (values?.length && /create_queue\(/.test(text)) created.push(String(values[0]));
        return database.executeSql(text, values);
      },
    },
  };
}

function job(retryLimit: number, run: JobDefinition['run'] = async () => {}): JobDefinition {
  return {
    name: 'restart-check',
    label: 'restart check / ทดสอบ',
    retryLimit,
    retryDelaySeconds: 1,
    expireInSeconds: 60,
    pollingIntervalSeconds: 0.5,
    run,
  };
}

describe('the job queue at a restart', () => {
  it('creates a queue at the first start only; a restart updates its options and runs its jobs', async () => {
    const first = counting();
    const q1 = await startJobQueue({ database: first.database, jobs: [job(0)], onError: () => {} });
    await q1.stop(1000);
    expect(first.created).toEqual(['restart-check']);

    const second = counting();
    let ran = 0;
    const q2 = await startJobQueue({
      database: second.database,
      jobs: [job(3, async () => void ran++)],
      onError: () => {},
    });
    try {
      expect(second.created).toEqual([]);
      const { rows } = await database.executeSql(
        'select retry_limit as "retryLimit" from pgboss.queue where name = $1',
        ['restart-check'],
      );
      expect(rows).toEqual([{ retryLimit: 3 }]);
      await q2.send('restart-check');
      const end = Date.now() + 20_000;
      while (ran === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      expect(ran).toBe(1);
    } finally {
      await q2.stop(1000);
    }
  }, 60_000);
});
