import type { FastifyRequest } from 'fastify';
import { requestUrls } from '../http/request-urls.js';
import { assertPageExists, paginate, pageRequest, toPage } from './pagination.js';

const request = (url: string) => requestUrls({ url, protocol: 'https', host: 'app.example.com' } as FastifyRequest);

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
    expect(() => pageRequest({ page: '99999999999999999999' }, 100)).toThrow('Invalid page.');
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

  it('reads the count and the page side by side, and refuses a page past the end once', async () => {
    const started: string[] = [];
    let release: () => void = () => undefined;
    const countGate = new Promise<void>((resolve) => (release = resolve));
    const source = {
      count: async () => {
        started.push('count');
        await countGate;
        return 12;
      },
      rows: async (offset: number, limit: number) => {
        started.push(`rows ${offset} ${limit}`);
        release();
        return ['a', 'b'];
      },
    };
    const page = await paginate(pageRequest({ page: '2', page_size: '10' }, 15), source, request('/api/v1/x/?page=2&page_size=10'));
    expect(started).toEqual(['count', 'rows 10 10']);
    expect(page).toEqual({ count: 12, next: null, previous: 'https://app.example.com/api/v1/x/?page=1&page_size=10', results: ['a', 'b'] });
    await expect(
      paginate(pageRequest({ page: '3', page_size: '10' }, 15), { count: async () => 12, rows: async () => [] }, request('/x/')),
    ).rejects.toThrow('Invalid page.');
  });
});
