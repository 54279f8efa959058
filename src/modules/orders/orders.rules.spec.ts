import { lineMoney, netRevenue, orderSearchText, orderStatus, saleMessage, syncSince } from './orders.rules.js';

describe('order rules', () => {
  const open = { saleState: 'paid' as const, externalOrderStatus: 'PAID', shipmentStatus: null, shipmentTrackingNumber: null };

  it('computes the status: awaiting shipment once placed and paid, shipped with tracking, completed once delivered', () => {
    expect(orderStatus(open)).toBe('awaiting_shipment');
    expect(orderStatus({ ...open, shipmentTrackingNumber: '1Z999' })).toBe('shipped');
    expect(orderStatus({ ...open, shipmentStatus: 'in_transit' })).toBe('shipped');
    expect(orderStatus({ ...open, saleState: 'shipped' })).toBe('shipped');
    expect(orderStatus({ ...open, shipmentTrackingNumber: '1Z999', shipmentStatus: 'delivered' })).toBe('completed');
    expect(orderStatus({ ...open, saleState: 'completed', externalOrderStatus: null })).toBe('completed');
    expect(orderStatus({ ...open, shipmentTrackingNumber: '  ' })).toBe('awaiting_shipment');
  });

  it("is the platform's own status for an unpaid or cancelled order", () => {
    expect(orderStatus({ ...open, saleState: 'unpaid', externalOrderStatus: 'Invoice Sent' })).toBe('Invoice Sent');
    expect(orderStatus({ ...open, saleState: 'cancelled', externalOrderStatus: 'CANCELED' })).toBe('CANCELED');
    expect(orderStatus({ ...open, saleState: 'cancelled', externalOrderStatus: null })).toBe('cancelled');
    expect(orderStatus({ ...open, saleState: 'unpaid', externalOrderStatus: null })).toBe('unpaid');
  });

  it('computes the net revenue in decimal arithmetic: sale − fees − shipping', () => {
    expect(netRevenue('34.99', ['3.50', '1.07', '5.00'])).toBe('25.42');
    expect(netRevenue('0.30', ['0.10', '0.10', null])).toBe('0.10');
    expect(netRevenue('10', [null, null, null])).toBe('10.00');
  });

  it("gives one line the order's amounts, and shares them over several lines by price, to the cent", () => {
    expect(lineMoney([{ priceUsd: '34.99', quantity: 1 }], { marketplaceFee: '3.50', platformFee: '1.07', shippingCost: '5.00' })).toEqual([
      { salePrice: '34.99', marketplaceFee: '3.50', platformFee: '1.07', shippingCost: '5.00', netRevenue: '25.42' },
    ]);
    const shared = lineMoney(
      [
        { priceUsd: '10.00', quantity: 1 },
        { priceUsd: '10.00', quantity: 1 },
        { priceUsd: '10.00', quantity: 1 },
      ],
      { marketplaceFee: '1.00', platformFee: null, shippingCost: '5.00' },
    );
    expect(shared.map((line) => line.marketplaceFee)).toEqual(['0.34', '0.33', '0.33']);
    expect(shared.map((line) => line.shippingCost)).toEqual(['1.66', '1.67', '1.67']);
    expect(shared.map((line) => line.platformFee)).toEqual([null, null, null]);
    expect(shared.map((line) => line.netRevenue)).toEqual(['8.00', '8.00', '8.00']);
    expect(lineMoney([{ priceUsd: '5.00', quantity: 2 }], { marketplaceFee: null, platformFee: null, shippingCost: null })[0]).toEqual({
      salePrice: '10.00',
      marketplaceFee: null,
      platformFee: null,
      shippingCost: null,
      netRevenue: '10.00',
    });
  });

  it('searches the order id, tracking number, buyer name and item title', () => {
    expect(
      orderSearchText({ platformOrderId: '12-345', shipmentTrackingNumber: null, buyerName: 'John Doe', itemTitle: 'Abbey Road - VG+' }),
    ).toBe('12-345 john doe abbey road - vg+');
  });

  it('reads a connection again from a little before its last sync started, or the last 30 days on the first', () => {
    const now = new Date('2026-02-14T12:00:00Z');
    expect(syncSince(null, now)).toEqual(new Date('2026-01-15T12:00:00Z'));
    expect(syncSince(new Date('2026-02-14T11:55:00Z'), now)).toEqual(new Date('2026-02-14T11:45:00Z'));
  });

  it('words the audit message of a sale', () => {
    expect(saleMessage('eBay', '12-34567-89012', '34.99')).toBe('Sold on eBay (order 12-34567-89012) for $34.99.');
    expect(saleMessage(null, null, '20.00')).toBe('Sold outside the platforms for $20.00.');
  });
});
