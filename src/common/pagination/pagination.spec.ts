import type { FastifyRequest } from 'fastify';
import { assertPageExists, pageRequest, toPage } from './pagination.js';

const request = (url: string) => ({ url, protocol: 'https', host: 'app.example.com' }) as FastifyRequest;

describe('pagination', () => {
  it('uses the default size, caps at 100 and ignores nonsense sizes', () => {
    expect(pageRequest({}, 15)).toEqual({ page: 1, pageSize: 15, offset: 0 });
    expect(pageRequest({ page: '3', page_size: '25' }, 15)).toEqual({ page: 3, pageSize: 25, offset: 50 });
    expect(pageRequest({ page_size: '1000' }, 15).pageSize).toBe(100);
    expect(pageRequest({ page_size: 'abc' }, 15).pageSize).toBe(15);
    expect(pageRequest({ page_size: '0' }, 15).pageSize).toBe(15);
  });

  it('answers 404 Invalid page for a bad page number or one past the end', () => {
    expect(() => pageRequest({ page: 'x' }, 15)).toThrow('Invalid page.');
    expect(() => pageRequest({ page: '0' }, 15)).toThrow('Invalid page.');
    expect(() => assertPageExists(pageRequest({ page: '3' }, 10), 20)).toThrow('Invalid page.');
    expect(() => assertPageExists(pageRequest({ page: '1' }, 10), 0)).not.toThrow();
  });

  it('builds absolute next/previous URLs keeping other parameters', () => {
    const page = toPage(
      request('/api/v1/products/?page=2&page_size=25&search=abbey'),
      pageRequest({ page: '2', page_size: '25' }, 15),
      247,
      [],
    );
    expect(page.next).toBe('https://app.example.com/api/v1/products/?page=3&page_size=25&search=abbey');
    expect(page.previous).toBe('https://app.example.com/api/v1/products/?page=1&page_size=25&search=abbey');
    const first = toPage(request('/api/v1/products/'), pageRequest({}, 15), 20, []);
    expect(first).toEqual({ count: 20, next: 'https://app.example.com/api/v1/products/?page=2', previous: null, results: [] });
  });
});
