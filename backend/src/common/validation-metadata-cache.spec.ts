import { IsInt, IsString, MaxLength, validate } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

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
