import { itemCreatedActivity, priceChangedActivities } from './item-activity.rules.js';

const actor = { organizationId: '1', userId: '7' };

describe('item activity', () => {
  it('records a new item with its title and status', () => {
    expect(itemCreatedActivity(actor, { uid: 'inv_a', title: 'Abbey Road - VG+', status: 'ready-to-sell' })).toEqual({
      organizationId: '1',
      userId: '7',
      eventType: 'item_created',
      subjectType: 'inventory_item',
      subjectUid: 'inv_a',
      message: 'Created "Abbey Road - VG+" (Ready to Sell).',
      metadata: { status: 'ready-to-sell' },
    });
  });

  it('records a price set, changed or removed, and nothing for the same amount', () => {
    const records = priceChangedActivities(
      actor,
      [
        { uid: 'inv_a', title: 'A', before: null, after: '20.00' },
        { uid: 'inv_b', title: 'B', before: '20.00', after: '25.5' },
        { uid: 'inv_c', title: 'C', before: '20.00', after: null },
        { uid: 'inv_d', title: 'D', before: '20.00', after: '20' },
        { uid: 'inv_e', title: 'E', before: null, after: null },
      ],
      { bulk: 'price' },
    );
    expect(records.map((record) => [record.subjectUid, record.message])).toEqual([
      ['inv_a', 'Price of "A" set to $20.00.'],
      ['inv_b', 'Price of "B" changed from $20.00 to $25.50.'],
      ['inv_c', 'Price of "C" removed (was $20.00).'],
    ]);
    expect(records[1].metadata).toEqual({ price_before: '20.00', price_after: '25.5', bulk: 'price' });
  });
});
