import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

describe('Inventory choices (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  beforeAll(async () => {
    t = await createTestApp();
    seller = await registerAccount(t.api);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the condition grades exactly as seed 000 shows them', async () => {
    const response = await t.api.get('/api/v1/inventory/choices/conditions/').set(seller.auth).expect(200);
    expect(response.body).toEqual([
      { value: 'mint', label: 'Mint (M)' },
      { value: 'nm', label: 'Near Mint (NM)' },
      { value: 'vg_plus', label: 'VG+' },
      { value: 'vg', label: 'VG' },
      { value: 'good_plus', label: 'G+' },
      { value: 'good', label: 'Good (G)' },
      { value: 'fair', label: 'Fair (F)' },
      { value: 'poor', label: 'Poor (P)' },
    ]);
  });

  it('lists the statuses in workflow order with their documented labels', async () => {
    const response = await t.api.get('/api/v1/inventory/choices/statuses/').set(seller.auth).expect(200);
    expect(response.body).toEqual([
      { value: 'draft', label: 'Draft' },
      { value: 'purchased', label: 'Purchased' },
      { value: 'received', label: 'Received' },
      { value: 'ready-to-sell', label: 'Ready to Sell' },
      { value: 'listed', label: 'Listed' },
      { value: 'sold', label: 'Sold' },
      { value: 'cancelled', label: 'Cancelled' },
    ]);
  });

  it('lists the shipment carriers, the codes of seed 003 among them, and the asset types, photo first', async () => {
    const carriers = await t.api.get('/api/v1/inventory/choices/shipment-carriers/').set(seller.auth).expect(200);
    expect(carriers.body.map((choice: { value: string }) => choice.value)).toEqual(expect.arrayContaining(['usps', 'ups', 'fedex']));
    const assetTypes = await t.api.get('/api/v1/inventory/choices/asset-types/').set(seller.auth).expect(200);
    expect(assetTypes.body[0]).toEqual({ value: 'photo', label: 'Photo' });
    expect(assetTypes.body).toContainEqual({ value: 'matrix', label: 'Matrix / runout' });
  });

  it('answers only authenticated callers', async () => {
    const response = await t.api.get('/api/v1/inventory/choices/conditions/').expect(401);
    expect(response.body).toEqual({ detail: 'Authentication credentials were not provided.' });
  });
});
