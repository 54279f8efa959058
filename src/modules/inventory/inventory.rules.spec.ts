import {
  assetAuditMessage,
  auditSource,
  changedFields,
  conditionDisplay,
  conditionFields,
  daysInInventory,
  daysListed,
  deleteProblem,
  describeUpdate,
  gradeTier,
  isDeletable,
  itemTitle,
  normalizeCondition,
  photoLimitProblem,
  photosThatFit,
  resolvedSku,
  statusChangeProblem,
  statusDates,
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

  it('lets sellers move between the manual statuses, never into listed or sold, nor out of them', () => {
    expect(statusChangeProblem(null, 'draft')).toBeNull();
    expect(statusChangeProblem(null, 'ready-to-sell')).toBeNull();
    expect(statusChangeProblem('draft', 'cancelled')).toBeNull();
    expect(statusChangeProblem('cancelled', 'draft')).toBeNull();
    expect(statusChangeProblem(null, 'listed')).toMatch(/listed on a marketplace/);
    expect(statusChangeProblem('ready-to-sell', 'sold')).toMatch(/order/);
    expect(statusChangeProblem('sold', 'ready-to-sell')).toBe('A sold item keeps its status.');
    expect(statusChangeProblem('listed', 'draft')).toMatch(/delist it first/);
    expect(statusChangeProblem('listed', 'listed')).toBeNull();
    expect(statusChangeProblem('sold', 'sold')).toBeNull();
  });

  it('records the purchase, receipt and sale dates the first time only', () => {
    const now = new Date('2025-03-01T09:00:00Z');
    const earlier = new Date('2025-01-01T00:00:00Z');
    const none = { purchasedAt: null, receivedAt: null, soldAt: null };
    expect(statusDates('purchased', none, now)).toEqual({ purchasedAt: now });
    expect(statusDates('purchased', { ...none, purchasedAt: earlier }, now)).toEqual({});
    expect(statusDates('received', { ...none, purchasedAt: earlier }, now)).toEqual({ receivedAt: now });
    expect(statusDates('received', { ...none, receivedAt: earlier }, now)).toEqual({});
    expect(statusDates('sold', { ...none, receivedAt: earlier }, now)).toEqual({ soldAt: now });
    expect(statusDates('sold', { ...none, soldAt: earlier }, now)).toEqual({});
    expect(statusDates('ready-to-sell', none, now)).toEqual({});
  });

  it('counts days in inventory from receipt, else purchase, else creation, and days listed', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    const created = new Date('2025-02-01T12:00:00Z');
    expect(daysInInventory({ receivedAt: null, purchasedAt: null, created }, now)).toBe(28);
    expect(daysInInventory({ receivedAt: null, purchasedAt: new Date('2025-02-20T12:00:00Z'), created }, now)).toBe(9);
    expect(daysInInventory({ receivedAt: new Date('2025-02-15T07:12:00Z'), purchasedAt: created, created }, now)).toBe(14.2);
    expect(daysInInventory({ receivedAt: new Date('2025-03-02T00:00:00Z'), purchasedAt: null, created }, now)).toBe(0);
    expect(daysListed(null, now)).toBe(0);
    expect(daysListed(new Date('2025-02-28T00:00:00Z'), now)).toBe(1.5);
  });

  it('refuses to delete a sold item or one with an active listing', () => {
    expect(isDeletable('ready-to-sell', false)).toBe(true);
    expect(isDeletable('sold', false)).toBe(false);
    expect(isDeletable('listed', true)).toBe(false);
    expect(deleteProblem('draft', false)).toBeNull();
    expect(deleteProblem('sold', false)).toMatch(/order/);
    expect(deleteProblem('listed', true)).toMatch(/active marketplace listings/);
  });

  it('audits the fields that changed and names the change', () => {
    const changes = changedFields(
      { status: 'draft', price_total_usd: '30.00', notes: null, metadata: { a: 1 } },
      { status: 'draft', price_total_usd: '34.99', notes: null, metadata: { a: 1 } },
    );
    expect(changes).toEqual({ price_total_usd: { before: '30.00', after: '34.99' } });
    expect(describeUpdate(changes)).toEqual({ action: 'price_update', message: 'Price changed from $30.00 to $34.99.' });
    expect(describeUpdate({ price_total_usd: { before: null, after: '5.00' } }).message).toBe('Price changed from none to $5.00.');
    expect(describeUpdate({ price_shipping_usd: { before: '1.00', after: '2.00' } })).toEqual({
      action: 'price_update',
      message: 'Updated price_shipping_usd.',
    });
    expect(describeUpdate({ status: { before: 'draft', after: 'ready-to-sell' }, notes: { before: null, after: 'x' } })).toEqual({
      action: 'status_change',
      message: 'Status changed from Draft to Ready to Sell.',
    });
    expect(describeUpdate({ notes: { before: null, after: 'x' }, location: { before: null, after: 'A' } })).toEqual({
      action: 'update',
      message: 'Updated notes, location.',
    });
  });

  it('names the source of a change by how the caller authenticated', () => {
    expect(auditSource({ kind: 'api_key' })).toBe('api');
    expect(auditSource({ kind: 'token' })).toBe('web');
    expect(auditSource(null)).toBe('system');
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

describe('condition fields', () => {
  const mirroring = { conditionItem: 'vg', conditionContainer: 'vg', conditionContainerManuallySet: false };
  const byHand = { conditionItem: 'vg', conditionContainer: 'generic', conditionContainerManuallySet: true };

  it('mirrors the item grade into the container on create unless a container grade is sent', () => {
    expect(conditionFields({ condition_item: 'nm' }, null)).toEqual({
      conditionItem: 'nm',
      conditionContainer: 'nm',
      conditionContainerManuallySet: false,
    });
    expect(conditionFields({ condition_item: 'nm', condition_container: 'vg' }, null)).toEqual({
      conditionItem: 'nm',
      conditionContainer: 'vg',
      conditionContainerManuallySet: true,
    });
    expect(conditionFields({}, null)).toEqual({ conditionContainer: null, conditionContainerManuallySet: false });
  });

  it('moves a mirroring container with a new item grade, and leaves one set by hand', () => {
    expect(conditionFields({ condition_item: 'nm' }, mirroring)).toEqual({ conditionItem: 'nm', conditionContainer: 'nm' });
    expect(conditionFields({ condition_item: 'nm' }, byHand)).toEqual({ conditionItem: 'nm' });
    expect(conditionFields({ condition_item: null }, mirroring)).toEqual({ conditionItem: null, conditionContainer: null });
  });

  it('sets the container by hand when sent, and mirrors again when the flag is cleared', () => {
    expect(conditionFields({ condition_container: 'no_cover' }, mirroring)).toEqual({
      conditionContainer: 'no_cover',
      conditionContainerManuallySet: true,
    });
    expect(conditionFields({ condition_container_manually_set: false }, byHand)).toEqual({
      conditionContainer: 'vg',
      conditionContainerManuallySet: false,
    });
  });

  it('changes nothing when nothing about grades is sent', () => {
    expect(conditionFields({}, mirroring)).toEqual({});
    expect(conditionFields({}, byHand)).toEqual({});
  });
});
