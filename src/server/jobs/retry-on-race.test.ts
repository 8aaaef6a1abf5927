import { describe, expect, it } from 'vitest';
import { retryOnRace } from './job-queue.ts';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('retryOnRace', () => {
  it('runs the work again after a deadlock or a key taken a moment before, then answers', async () => {
    const failures = [pgError('40P01'), pgError('23505')];
    let calls = 0;
    const answer = await retryOnRace(async () => {
      calls++;
      const next = failures.shift();
      if (next) throw next;
      return 'declared';
    });
    expect(answer).toBe('declared');
    expect(calls).toBe(3);
  });

  it('throws any other error at once, and a race that lasts after the last attempt', async () => {
    let calls = 0;
    await expect(
      retryOnRace(async () => {
        calls++;
        throw pgError('42P01');
      }),
    ).rejects.toThrow('pg 42P01');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      retryOnRace(async () => {
        calls++;
        throw pgError('40P01');
      }, 3),
    ).rejects.toThrow('pg 40P01');
    expect(calls).toBe(3);
  });
});
