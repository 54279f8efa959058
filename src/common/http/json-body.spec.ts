import { Msg } from '../errors/messages.js';
import { bodyProblemError, findBodyProblem, MAX_JSON_DEPTH } from './json-body.js';

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

  it('names the top-level field holding a null character, in a value or a nested key', () => {
    expect(findBodyProblem({ ok: 'x', email: 'a\u0000b' })).toEqual({ field: 'email', problem: 'null' });
    expect(findBodyProblem({ tags: ['fine', '\u0000'] })).toEqual({ field: 'tags', problem: 'null' });
    expect(findBodyProblem({ metadata: { deep: [{ 'k\u0000': 1 }] } })).toEqual({ field: 'metadata', problem: 'null' });
  });

  it('puts a top-level key or a whole body at fault on non_field_errors', () => {
    expect(findBodyProblem({ 'ti\u0000tle': 'x' })).toEqual({ field: 'non_field_errors', problem: 'null' });
    expect(findBodyProblem({ '\ud800': 'x' })).toEqual({ field: 'non_field_errors', problem: 'unicode' });
    expect(bodyProblemError('a\u0000b')?.getResponse()).toEqual({ non_field_errors: [Msg.nullCharacter] });
  });
});

describe('bodyProblemError', () => {
  it('answers each problem with its 400', () => {
    expect(bodyProblemError({ title: 'fine' })).toBeNull();
    expect(bodyProblemError({ title: 'a\u0000b' })?.getResponse()).toEqual({ title: ['Null characters are not allowed.'] });
    expect(bodyProblemError({ title: '\udc00' })?.getResponse()).toEqual({ title: ['Invalid unicode: unpaired surrogate.'] });
    expect(bodyProblemError(nested(MAX_JSON_DEPTH + 1))?.getResponse()).toEqual({
      detail: `JSON parse error - nesting deeper than ${MAX_JSON_DEPTH} levels.`,
    });
  });
});
