import {
  assetAuditMessage,
  conditionDisplay,
  gradeTier,
  itemTitle,
  normalizeCondition,
  photoLimitProblem,
  photosThatFit,
  resolvedSku,
  statusDisplay,
} from './inventory.rules.js';

describe('inventory rules', () => {
  it('labels statuses and conditions as documented', () => {
    expect(statusDisplay('ready-to-sell')).toBe('Ready to Sell');
    expect(conditionDisplay('vg_plus')).toBe('VG+');
    expect(conditionDisplay('vg')).toBe('VG');
    expect(conditionDisplay(null)).toBeNull();
  });

  it('puts each condition in a grade tier', () => {
    expect(gradeTier('vg_plus')).toEqual({ code: 'good', label: 'Good' });
    expect(gradeTier('mint')).toEqual({ code: 'excellent', label: 'Excellent' });
    expect(gradeTier('poor')).toEqual({ code: 'poor', label: 'Poor' });
    expect(gradeTier(null)).toBeNull();
  });

  it('titles an item by its name, else product and condition', () => {
    expect(itemTitle('My LP', 'Abbey Road', 'vg')).toBe('My LP');
    expect(itemTitle(null, 'Abbey Road', 'vg_plus')).toBe('Abbey Road - VG+');
    expect(itemTitle('  ', 'Abbey Road', null)).toBe('Abbey Road');
  });

  it('resolves the SKU from the item, then the product, then the catalog number', () => {
    expect(resolvedSku('PCS-1', 'P', 'C')).toEqual({ value: 'PCS-1', source: 'manual' });
    expect(resolvedSku(null, 'P', 'C')).toEqual({ value: 'P', source: 'product' });
    expect(resolvedSku('', null, 'PCS 7088')).toEqual({ value: 'PCS 7088', source: 'catalog_number' });
    expect(resolvedSku(null, null, null)).toEqual({ value: null, source: null });
  });

  it('normalises the ways grades are written to one code of the scale', () => {
    expect(normalizeCondition('VG+', 'item')).toBe('vg_plus');
    expect(normalizeCondition(' vg+ ', 'item')).toBe('vg_plus');
    expect(normalizeCondition('vg_plus', 'item')).toBe('vg_plus');
    expect(normalizeCondition('Near Mint (NM or M-)', 'item')).toBe('nm');
    expect(normalizeCondition('M-', 'item')).toBe('nm');
    expect(normalizeCondition('Mint (M)', 'item')).toBe('mint');
    expect(normalizeCondition('Very  Good', 'item')).toBe('vg');
    expect(normalizeCondition('G+', 'item')).toBe('good_plus');
    expect(normalizeCondition('Good (G)', 'item')).toBe('good');
    expect(normalizeCondition('poor', 'item')).toBe('poor');
  });

  it("refuses what names no grade; only a container takes Discogs' sleeve states", () => {
    expect(normalizeCondition('VG++', 'item')).toBeNull();
    expect(normalizeCondition('', 'item')).toBeNull();
    expect(normalizeCondition('Generic', 'item')).toBeNull();
    expect(normalizeCondition('Generic', 'container')).toBe('generic');
    expect(normalizeCondition('Not Graded', 'container')).toBe('not_graded');
    expect(normalizeCondition('no_cover', 'container')).toBe('no_cover');
    expect(normalizeCondition('VG+', 'container')).toBe('vg_plus');
    expect(conditionDisplay('no_cover')).toBe('No Cover');
  });

  it("refuses photos that would take an item over its plan's limit, and says the limit", () => {
    expect(photoLimitProblem(8, 7, 1)).toBeNull();
    expect(photoLimitProblem(8, 0, 8)).toBeNull();
    expect(photoLimitProblem(8, 8, 1)).toBe('This item can have at most 8 photos on your plan; it has 8.');
    expect(photoLimitProblem(8, 7, 3)).toBe('This item can have at most 8 photos on your plan; it has 7 and this upload adds 3.');
    expect(photoLimitProblem(1, 1, 1)).toBe('This item can have at most 1 photo on your plan; it has 1.');
    // A plan lowered below what an item already has: nothing more fits, and what it has stays.
    expect(photoLimitProblem(2, 5, 1)).toBe('This item can have at most 2 photos on your plan; it has 5.');
  });

  it('counts how many new photos fit under the limit', () => {
    expect(photosThatFit(8, 5, 10)).toBe(3);
    expect(photosThatFit(8, 5, 2)).toBe(2);
    expect(photosThatFit(8, 8, 1)).toBe(0);
    expect(photosThatFit(2, 5, 3)).toBe(0);
  });

  it('words asset audit messages with the type label', () => {
    expect(assetAuditMessage('uploaded', 'photo', 'photo.jpg', true)).toBe('Photo uploaded: photo.jpg (identifying).');
    expect(assetAuditMessage('deleted', 'front_cover', 'front.jpg')).toBe('Front cover deleted: front.jpg.');
  });
});
