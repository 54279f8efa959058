import { IsString, MaxLength } from 'class-validator';
import { IsMoney } from './fields.js';
import { validateInput } from './validation.pipe.js';

class Sample {
  @IsString()
  @MaxLength(3, { message: 'Too long.' })
  name!: string;

  @IsMoney()
  price!: string;
}

describe('validateInput', () => {
  it('transforms and validates one object as the global pipe does a body, unknown fields stripped', () => {
    const result = validateInput(Sample, { name: 'abc', price: 12.5, unknown: 'x' });
    expect(result).toEqual({ value: expect.any(Sample) });
    expect('value' in result && { ...result.value }).toEqual({ name: 'abc', price: '12.5' });
  });

  it('answers the field errors in the documented wording, one message per field', () => {
    expect(validateInput(Sample, { name: 'abcd', price: 'x' })).toEqual({
      errors: { name: ['Too long.'], price: ['A valid number is required.'] },
    });
    expect(validateInput(Sample, { name: 5, price: '1' })).toEqual({ errors: { name: ['Not a valid string.'] } });
  });
});
