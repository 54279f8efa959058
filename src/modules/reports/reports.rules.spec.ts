import { printedMoney, reportFileName, reportPeriod } from './reports.rules.js';

describe('report rules', () => {
  it('covers the last 30 days by default, or from and to the days given', () => {
    expect(reportPeriod({}, '2025-03-01')).toEqual({ start: '2025-01-31', end: '2025-03-01' });
    expect(reportPeriod({ start_date: '2025-01-01' }, '2025-03-01')).toEqual({ start: '2025-01-01', end: '2025-03-01' });
    expect(reportPeriod({ end_date: '2025-01-31' }, '2025-03-01')).toEqual({ start: '2025-01-02', end: '2025-01-31' });
    expect(reportPeriod({ start_date: '2025-02-01', end_date: '2025-02-01' }, '2025-03-01')).toEqual({
      start: '2025-02-01',
      end: '2025-02-01',
    });
  });

  it('refuses a start after the end and a period over ten years, naming the parameter', () => {
    expect(reportPeriod({ start_date: '2025-03-02', end_date: '2025-03-01' }, '2025-03-01')).toEqual({
      errors: { start_date: ['Must be on or before end_date (2025-03-01).'] },
    });
    expect(reportPeriod({ start_date: '2000-01-01', end_date: '2025-01-01' }, '2025-03-01')).toEqual({
      errors: { end_date: ['The period may cover at most 3660 days.'] },
    });
  });

  it('names files by report and dates', () => {
    expect(reportFileName('inventory-aging', { asOf: '2025-03-01' })).toBe('inventory-aging-2025-03-01.pdf');
    expect(reportFileName('inventory-summary', { start: '2025-01-01', end: '2025-03-01' })).toBe(
      'inventory-summary-2025-01-01-to-2025-03-01.pdf',
    );
  });

  it('prints money with thousands separators and two decimals', () => {
    expect(printedMoney('1234567.5')).toBe('$1,234,567.50');
    expect(printedMoney('0.00')).toBe('$0.00');
    expect(printedMoney('-12')).toBe('-$12.00');
    expect(printedMoney('999.99')).toBe('$999.99');
  });
});
