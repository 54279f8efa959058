import { exportFileName, failureMessage, notDownloadableReason, progressPercentage } from './exports.rules.js';

describe('export rules', () => {
  it('reports whole percents and keeps 100 for the finished file', () => {
    expect(progressPercentage(0, 200)).toBe(0);
    expect(progressPercentage(1, 200)).toBe(0);
    expect(progressPercentage(3, 200)).toBe(1);
    expect(progressPercentage(100, 200)).toBe(50);
    expect(progressPercentage(200, 200)).toBe(99);
    expect(progressPercentage(250, 200)).toBe(99);
    expect(progressPercentage(0, 0)).toBe(0);
  });

  it('names the file by what it holds and the day it was asked for', () => {
    expect(exportFileName('inventory_csv', new Date('2025-03-01T23:59:00Z'))).toBe('inventory-2025-03-01.csv');
  });

  it('says why a file cannot be downloaded yet, or at all', () => {
    expect(notDownloadableReason('pending')).toBe('The export is still pending; download its file once its status is completed.');
    expect(notDownloadableReason('in_progress')).toMatch(/still being written/);
    expect(notDownloadableReason('failed')).toMatch(/^The export failed/);
  });

  it('says why a job failed, bounded in length', () => {
    expect(failureMessage(new Error('disk full'), 3)).toBe('The export failed after 3 attempts: disk full');
    expect(failureMessage(new Error('x'), 1)).toBe('The export failed after 1 attempt: x');
    expect(failureMessage(new Error('y'.repeat(2000)), 3).length).toBeLessThan(600);
  });
});
