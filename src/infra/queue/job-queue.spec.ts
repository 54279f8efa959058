import { backoffDelay, RetryLater, retryDelay, WindowLimiter } from './job-queue.js';

describe('job queue rules', () => {
  it('lets `max` jobs of a group start per window, each group on its own', () => {
    const limiter = new WindowLimiter({ max: 2, durationMs: 1000, groupKey: 'account_uid' });
    expect(limiter.groupOf({ account_uid: 'sa_1' })).toBe('sa_1');
    expect([limiter.take('sa_1', 0), limiter.take('sa_1', 10), limiter.take('sa_1', 400)]).toEqual([0, 0, 600]);
    expect(limiter.take('sa_2', 400)).toBe(0);
    expect(limiter.take('sa_1', 999)).toBe(1);
    expect(limiter.take('sa_1', 1000)).toBe(0);
  });

  it('counts the whole queue as one group without a groupKey', () => {
    const limiter = new WindowLimiter({ max: 1, durationMs: 1000 });
    expect(limiter.groupOf({ account_uid: 'sa_1' })).toBe('');
    expect([limiter.take('', 0), limiter.take('', 1)]).toEqual([0, 999]);
  });

  it('waits as long as the remote side asked when that is longer than the backoff', () => {
    expect(retryDelay(new Error('boom'), 1000, 2)).toBe(backoffDelay(1000, 2));
    expect(retryDelay(new RetryLater(30_000, 'slow down'), 1000, 2)).toBe(30_000);
    expect(retryDelay(new RetryLater(10, 'slow down'), 1000, 3)).toBe(4000);
    expect(retryDelay(null, 500, 1)).toBe(500);
  });
});
