import { exportCompletedActivity, exportFileName, failureMessage, notDownloadableReason, progressPercentage } from './exports.rules.js';

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

describe('export activity', () => {
  it('tells the feed which export is ready and how many items it holds', () => {
    const job = { uid: 'exp_a', organizationId: '3', userId: '9', exportType: 'inventory_csv' as const };
    expect(exportCompletedActivity(job, 'inventory-2025-03-01.csv', 1)).toEqual({
      organizationId: '3',
      userId: '9',
      eventType: 'export_completed',
      subjectType: 'export_job',
      subjectUid: 'exp_a',
      message: 'Export inventory-2025-03-01.csv is ready (1 item).',
      metadata: { export_type: 'inventory_csv', file_name: 'inventory-2025-03-01.csv', row_count: 1 },
    });
    expect(exportCompletedActivity(job, 'x.csv', 250).message).toBe('Export x.csv is ready (250 items).');
  });
});
