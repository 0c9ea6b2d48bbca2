import { Exclude, instanceToPlain, plainToInstance, Transform } from 'class-transformer';
import { IsInt, IsString, MaxLength, validate } from 'class-validator';
import { cacheTransformMetadata, cacheValidationMetadata } from './validation-metadata-cache';

class Named {
  @IsString()
  @MaxLength(5)
  name!: string;
}

class Counted extends Named {
  @IsInt({ groups: ['counting'] })
  count!: number;
}

function counted(name: unknown, count: unknown): Counted {
  return Object.assign(new Counted(), { name, count });
}

describe('cacheValidationMetadata', () => {
  beforeAll(() => cacheValidationMetadata());

  it('still applies inherited rules, on every validation', async () => {
    expect(await validate(counted('bob', 1))).toEqual([]);
    expect((await validate(counted('far too long', 1))).map((e) => e.property)).toEqual(['name']);
    expect((await validate(counted(7, 1))).map((e) => e.property)).toEqual(['name']);
  });

  it('keeps each set of groups apart: asking for another group leaves a grouped rule out', async () => {
    const failing = async (groups?: string[]) => (await validate(counted('bob', 'x'), groups && { groups })).map((e) => e.property);
    expect(await failing(['other'])).toEqual([]);
    expect(await failing(['counting'])).toEqual(['count']);
    expect(await failing()).toEqual(['count']);
    expect(await failing(['other'])).toEqual([]);
  });

  it('rejects unknown properties as before (whitelist)', async () => {
    const errors = await validate(Object.assign(new Named(), { name: 'bob', extra: 1 }), { whitelist: true, forbidNonWhitelisted: true });
    expect(errors.map((e) => e.property)).toEqual(['extra']);
  });
});

class Trimmed {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value), { toClassOnly: true })
  name!: string;

  @Exclude({ toPlainOnly: true })
  secret?: string;
}

class Counting extends Trimmed {
  @Transform(({ value }: { value: unknown }) => Number(value))
  count!: number;
}

describe('cacheTransformMetadata', () => {
  beforeAll(() => cacheTransformMetadata());

  it('still applies own and inherited transforms, on every transformation', () => {
    for (const name of [' bob ', 'ann  ']) {
      expect(plainToInstance(Counting, { name, count: '3' })).toEqual(Object.assign(new Counting(), { name: name.trim(), count: 3 }));
    }
  });

  it('keeps each direction apart: a to-class transform or a to-plain exclusion applies one way only', () => {
    const built = plainToInstance(Trimmed, { name: ' bob ', secret: 's' });
    expect(built).toEqual(Object.assign(new Trimmed(), { name: 'bob', secret: 's' }));
    expect(instanceToPlain(Object.assign(new Trimmed(), { name: ' bob ', secret: 's' }))).toEqual({ name: ' bob ' });
    expect(plainToInstance(Trimmed, { name: ' ann ', secret: 't' })).toEqual(Object.assign(new Trimmed(), { name: 'ann', secret: 't' }));
  });

  it('transforms an input holding a nested plain object of no declared class (its lookups have no class to key)', () => {
    const input = { name: ' bob ', extra: { '': '-!', ref: 4e230, inner: { deeper: null } } };
    expect(plainToInstance(Trimmed, input)).toEqual(Object.assign(new Trimmed(), { name: 'bob', extra: { '': '-!', ref: 4e230, inner: { deeper: null } } }));
  });
});
