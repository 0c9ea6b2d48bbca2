import { hashPassword, verifyPassword } from './password-hasher';

const COST = 2 ** 15;

describe('password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('correct horse battery', COST);
    expect(hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterx', hash)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same password', COST)).not.toBe(await hashPassword('same password', COST));
  });

  it('verifies a hash made at another cost, which the hash itself names', async () => {
    const hash = await hashPassword('correct horse battery', 1024);
    expect(hash).toMatch(/^scrypt\$1024\$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
  });

  it('refuses hashes it cannot read', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
