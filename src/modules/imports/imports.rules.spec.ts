import {
  conflictOf,
  copiesOf,
  isAllowedPictureUrl,
  issueSummary,
  mappingProblem,
  MAX_ITEMS_PER_LISTING,
  progressPercentage,
  runOptions,
} from './imports.rules.js';

const counts = (fields: Partial<Record<'pending' | 'imported' | 'failed' | 'conflict' | 'skipped', number>>) => ({
  pending: 0,
  imported: 0,
  failed: 0,
  conflict: 0,
  skipped: 0,
  ...fields,
});

describe('import rules', () => {
  it('progress counts what is processed out of what was found, as the seed shows it', () => {
    expect(progressPercentage(counts({ pending: 63, imported: 82, failed: 3, conflict: 2 }))).toBe(58);
    expect(progressPercentage(counts({}))).toBe(0);
    expect(progressPercentage(counts({ imported: 145, skipped: 2, failed: 3 }))).toBe(100);
    expect(progressPercentage(counts({ pending: 2, imported: 1 }))).toBe(33.3);
  });

  it('summarises the issues as the seed words them', () => {
    expect(issueSummary({ failed: 3, conflict: 2 })).toBe('3 failed, 2 conflicts');
    expect(issueSummary({ failed: 3, conflict: 0 })).toBe('3 items failed');
    expect(issueSummary({ failed: 1, conflict: 0 })).toBe('1 item failed');
    expect(issueSummary({ failed: 0, conflict: 1 })).toBe('1 conflict');
    expect(issueSummary({ failed: 0, conflict: 0 })).toBe('No issues');
  });

  it('fails a listing without a title, with a price we cannot keep, in another currency, or not live', () => {
    const ok = { title: 'Abbey Road - VG+', priceUsd: '34.99', currency: 'USD', state: 'listed' as const };
    expect(mappingProblem(ok)).toBeNull();
    expect(mappingProblem({ ...ok, title: '  ' })?.code).toBe('missing_title');
    expect(mappingProblem({ ...ok, priceUsd: '0.00' })?.code).toBe('invalid_price');
    expect(mappingProblem({ ...ok, priceUsd: '12345678901.00' })?.code).toBe('invalid_price');
    expect(mappingProblem({ ...ok, priceUsd: '1.999' })?.code).toBe('invalid_price');
    expect(mappingProblem({ ...ok, currency: 'EUR' })?.code).toBe('unsupported_currency');
    expect(mappingProblem({ ...ok, state: 'draft' })?.code).toBe('not_active');
  });

  it('a listing already linked (or listed from one of our items) is a duplicate listing before a SKU match', () => {
    expect(conflictOf('PCS-7088-001', { linkedItemUid: null, ownItemUid: null, skuItemUid: 'inv_d4e5f6' })).toEqual({
      type: 'duplicate_sku',
      details: 'SKU matches existing item inv_d4e5f6',
      itemUid: 'inv_d4e5f6',
    });
    expect(conflictOf('PCS', { linkedItemUid: 'inv_a', ownItemUid: null, skuItemUid: 'inv_b' })?.type).toBe('duplicate_listing');
    expect(conflictOf('inv_c', { linkedItemUid: null, ownItemUid: 'inv_c', skuItemUid: null })?.itemUid).toBe('inv_c');
    expect(conflictOf(null, { linkedItemUid: null, ownItemUid: null, skuItemUid: null })).toBeNull();
  });

  it('makes one item per copy, up to the cap', () => {
    expect(copiesOf(0)).toEqual({ copies: 1, note: null });
    expect(copiesOf(3)).toEqual({ copies: 3, note: null });
    expect(copiesOf(500).copies).toBe(MAX_ITEMS_PER_LISTING);
    expect(copiesOf(500).note).toContain('500 copies');
  });

  it('runs pending items unless told, and skips conflicts only in an import', () => {
    expect(runOptions('import', {})).toEqual({ statuses: ['pending'], limit: null, skipConflicts: false });
    expect(runOptions('preview', { skip_conflicts: true })).toEqual({
      statuses: ['pending', 'conflict'],
      limit: null,
      skipConflicts: false,
    });
    expect(runOptions('import', { status_filter: 'failed', limit: 5, skip_conflicts: true })).toEqual({
      statuses: ['failed'],
      limit: 5,
      skipConflicts: true,
    });
  });

  it('takes pictures only from the platform origins', () => {
    const origins = ['https://i.discogs.com'];
    expect(isAllowedPictureUrl('https://i.discogs.com/abc/R-1.jpeg', origins)).toBe(true);
    expect(isAllowedPictureUrl('http://i.discogs.com/abc.jpeg', origins)).toBe(false);
    expect(isAllowedPictureUrl('https://i.discogs.com.evil.example/abc.jpeg', origins)).toBe(false);
    expect(isAllowedPictureUrl('https://user@i.discogs.com/abc.jpeg', origins)).toBe(false);
    expect(isAllowedPictureUrl('http://169.254.169.254/latest', origins)).toBe(false);
    expect(isAllowedPictureUrl('not a url', origins)).toBe(false);
  });
});
