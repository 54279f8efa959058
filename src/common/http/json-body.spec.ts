import { findBodyProblem, MAX_JSON_DEPTH } from './json-body.js';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

describe('findBodyProblem', () => {
  it('accepts ordinary bodies, arrays and emoji', () => {
    expect(findBodyProblem({ title: 'Abbey Road 🎵', tags: ['a', 'b'], n: 1, x: null })).toBeNull();
    expect(findBodyProblem(nested(MAX_JSON_DEPTH - 1))).toBeNull();
  });

  it('refuses nesting deeper than the limit', () => {
    expect(findBodyProblem(nested(5000))).toEqual({ field: 'a', problem: 'depth' });
  });

  it('names the top-level field holding an unpaired surrogate', () => {
    expect(findBodyProblem({ ok: 'x', email: '\ud800@x.com' })).toEqual({ field: 'email', problem: 'unicode' });
    expect(findBodyProblem({ tags: ['fine', 'bad\udc00'] })).toEqual({ field: 'tags', problem: 'unicode' });
  });
});
