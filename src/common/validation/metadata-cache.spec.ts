import { getMetadataStorage, IsInt, IsString, MetadataStorage, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './metadata-cache.js';

class Named {
  @IsString()
  name!: string;
}

class Counted extends Named {
  @IsInt()
  count!: number;
}

const storage = getMetadataStorage();
cacheValidationMetadata(storage);

function errorsOf(value: object): string[] {
  return validateSync(value, { forbidUnknownValues: false }).map((error) => error.property);
}

describe('cacheValidationMetadata', () => {
  it("keeps a class's constraints, inherited ones included, and validates with them", () => {
    const first = storage.getTargetValidationMetadatas(Counted, '', false, false);
    expect(storage.getTargetValidationMetadatas(Counted, '', false, false)).toBe(first);
    expect(first.map((metadata) => metadata.propertyName).sort()).toEqual(['count', 'name']);
    expect(errorsOf(Object.assign(new Counted(), { name: 1, count: 'x' })).sort()).toEqual(['count', 'name']);
  });

  it('keeps the answers of other options apart', () => {
    const plain = storage.getTargetValidationMetadatas(Named, '', false, false);
    expect(storage.getTargetValidationMetadatas(Named, '', false, false, ['admin'])).not.toBe(plain);
  });

  it('forgets what it kept when a constraint is registered after a lookup', () => {
    class Late {
      early!: string;
      late!: string;
    }
    IsString()(Late.prototype, 'early');
    expect(errorsOf(Object.assign(new Late(), { early: 1, late: 1 }))).toEqual(['early']);
    IsString()(Late.prototype, 'late');
    expect(errorsOf(Object.assign(new Late(), { early: 1, late: 1 })).sort()).toEqual(['early', 'late']);
  });

  it('installs once per storage', () => {
    const lookup = storage.getTargetValidationMetadatas;
    cacheValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(lookup);
    const other = new MetadataStorage();
    cacheValidationMetadata(other);
    expect(other.getTargetValidationMetadatas).not.toBe(MetadataStorage.prototype.getTargetValidationMetadatas);
  });
});
