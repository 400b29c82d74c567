import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SigningKeyFile } from './signing-keys';

describe('the signing key file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'samenspel-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes one RS256 key on first use, readable by the owner only, and finds it again', async () => {
    const file = new SigningKeyFile(join(dir, 'identity-provider', 'signing-keys.json'));
    const [made] = await file.load();

    expect(made).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect((await new SigningKeyFile(file.path).load())[0].kid).toBe(made.kid);
  });

  it('puts a rotated key first and keeps the one before it, and no more', async () => {
    const file = new SigningKeyFile(join(dir, 'signing-keys.json'));
    const [first] = await file.load();
    const [second] = await file.rotate();
    const [third, previous, ...older] = await file.rotate();

    expect(previous.kid).toBe(second.kid);
    expect(older).toEqual([]);
    expect([first.kid, second.kid]).not.toContain(third.kid);
    const saved = JSON.parse(readFileSync(file.path, 'utf8')) as { keys: { kid: string }[] };
    expect(saved.keys.map((k) => k.kid)).toEqual([third.kid, second.kid]);
  });
});
