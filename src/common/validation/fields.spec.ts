import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, validate } from 'class-validator';
import { IsMoney, isValidYear, QueryBoolean, QueryList } from './fields.js';

class Sample {
  @IsOptional()
  @IsMoney({ positive: true })
  price?: string | null;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  flag?: boolean;

  @IsOptional()
  @QueryList()
  list?: string[];
}

async function problems(input: object): Promise<Record<string, string[]>> {
  const errors = await validate(plainToInstance(Sample, input));
  return Object.fromEntries(errors.map((error) => [error.property, Object.values(error.constraints ?? {})]));
}

describe('field helpers', () => {
  it('accepts money as a decimal string or number and normalizes it to a string', async () => {
    expect(await problems({ price: '34.99' })).toEqual({});
    expect(plainToInstance(Sample, { price: 34.5 }).price).toBe('34.5');
    expect(await problems({ price: null })).toEqual({});
  });

  it('refuses bad money with the documented wording', async () => {
    expect(await problems({ price: '0' })).toEqual({ price: ['Ensure this value is greater than 0.'] });
    expect(await problems({ price: '-5' })).toEqual({ price: ['Ensure this value is greater than 0.'] });
    expect(await problems({ price: 'abc' })).toEqual({ price: ['A valid number is required.'] });
    expect(await problems({ price: '1.999' })).toEqual({ price: ['Ensure that there are no more than 2 decimal places.'] });
    expect(await problems({ price: '12345678901' })).toEqual({ price: ['Ensure that there are no more than 12 digits in total.'] });
  });

  it('takes a negative amount only where allowNegative says so for the object', async () => {
    class Signed {
      @IsOptional()
      @IsIn(['set', 'percentage'])
      mode?: string;

      @IsMoney({ maxDigits: 10, allowNegative: (object) => (object as Signed).mode === 'percentage' })
      value!: string;
    }
    const signed = async (input: object) =>
      (await validate(plainToInstance(Signed, input))).flatMap((error) => Object.values(error.constraints ?? {}));
    expect(await signed({ mode: 'percentage', value: '-10.5' })).toEqual([]);
    expect(await signed({ mode: 'set', value: '-10' })).toEqual(['Ensure this value is greater than or equal to 0.']);
    expect(await signed({ value: -10 })).toEqual(['Ensure this value is greater than or equal to 0.']);
    expect(await signed({ mode: 'percentage', value: '123456789' })).toEqual(['Ensure that there are no more than 10 digits in total.']);
  });

  it('reads query booleans and lists', async () => {
    expect(plainToInstance(Sample, { flag: 'TRUE' }).flag).toBe(true);
    expect(plainToInstance(Sample, { flag: '0' }).flag).toBe(false);
    expect(await problems({ flag: 'maybe' })).toEqual({ flag: ['flag must be a boolean value'] });
    expect(plainToInstance(Sample, { list: ['a,b', ' c ', ''] }).list).toEqual(['a', 'b', 'c']);
    expect(plainToInstance(Sample, { list: 'listed' }).list).toEqual(['listed']);
  });

  it('takes a year as YYYY or a real YYYY-MM-DD date', () => {
    expect(isValidYear('1969')).toBe(true);
    expect(isValidYear('1969-09-26')).toBe(true);
    expect(isValidYear('1969-02-30')).toBe(false);
    expect(isValidYear('69')).toBe(false);
  });
});
