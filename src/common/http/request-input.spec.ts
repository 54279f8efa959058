import type { FastifyRequest } from 'fastify';
import { Msg } from '../errors/messages.js';
import { unsafeInputError } from './request-input.js';

function request(parts: { query?: unknown; params?: unknown; body?: unknown; contentType?: string }): FastifyRequest {
  const headers = parts.contentType ? { 'content-type': parts.contentType } : {};
  return { query: parts.query ?? {}, params: parts.params ?? {}, body: parts.body, headers } as FastifyRequest;
}

describe('unsafeInputError', () => {
  it('lets ordinary input through', () => {
    expect(unsafeInputError(request({ query: { search: 'x' }, params: { uid: 'prod_1' }, body: { title: 'x' } }))).toBeNull();
  });

  it('refuses a null character in a query parameter with a 400 on that parameter', () => {
    const error = unsafeInputError(request({ query: { search: 'a\u0000b' } }));
    expect(error?.getStatus()).toBe(400);
    expect(error?.getResponse()).toEqual({ search: [Msg.nullCharacter] });
  });

  it('answers a null character in a path parameter with a 404', () => {
    const error = unsafeInputError(request({ params: { uid: 'prod_a\u0000b' } }));
    expect(error?.getStatus()).toBe(404);
    expect(error?.getResponse()).toEqual({ detail: 'Not found.' });
  });

  it('refuses in a form body what jsonBodyParser refuses in a JSON one', () => {
    const form = 'application/x-www-form-urlencoded; charset=utf-8';
    expect(unsafeInputError(request({ body: { title: 'a\u0000b' }, contentType: form }))?.getResponse()).toEqual({
      title: [Msg.nullCharacter],
    });
    expect(unsafeInputError(request({ body: { title: 'x' }, contentType: form }))).toBeNull();
  });
});
