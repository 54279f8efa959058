import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { DetailError, toErrorResponse, ValidationFailed } from './error-response.js';

describe('toErrorResponse', () => {
  it('sends documented bodies as they are', () => {
    expect(toErrorResponse(new ValidationFailed({ title: ['This field may not be blank.'] }))).toEqual({
      status: 400,
      body: { title: ['This field may not be blank.'] },
      headers: undefined,
    });
    expect(toErrorResponse(new DetailError(429, 'Slow down.', { 'Retry-After': '3' }))).toEqual({
      status: 429,
      body: { detail: 'Slow down.' },
      headers: { 'Retry-After': '3' },
    });
  });

  it('gives framework errors the documented detail', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /x')).body).toEqual({ detail: 'Not found.' });
    expect(toErrorResponse(new HttpException('x', 405), 'PUT').body).toEqual({ detail: 'Method "PUT" not allowed.' });
    const parse = Object.assign(new SyntaxError('Unexpected end of JSON input'), {
      statusCode: 400,
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
    });
    expect(toErrorResponse(new BadRequestException('bad', { cause: parse })).body).toEqual({
      detail: 'JSON parse error - Unexpected end of JSON input',
    });
  });

  it('never leaks an unexpected error', () => {
    const response = toErrorResponse(new Error('connection string postgres://secret'));
    expect(response).toEqual({ status: 500, body: { detail: 'A server error occurred.' } });
  });
});
