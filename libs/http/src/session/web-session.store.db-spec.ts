import { NoteCipher } from '@samenspel/persistence';
import { createTestDatabase, type TestDatabase } from '@samenspel/testing';
import { newSessionId, WebSessionStore } from './web-session.store';
import { WebSessions1796400000000 } from './web-sessions.migration';

describe('WebSessionStore on PostgreSQL', () => {
  let db: TestDatabase;
  let sut: WebSessionStore;
  const cipher = new NoteCipher({ id: 'test', key: Buffer.alloc(32, 7) });
  const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 8, minutes));
  const tokens = {
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    idToken: 'id-1',
    accessExpiresAt: at(60),
  };
  const session = (subject: string) => ({
    subject,
    tokens,
    accessExpiresAt: at(60),
    createdAt: at(0),
    lastSeenAt: at(0),
  });

  beforeAll(async () => {
    db = await createTestDatabase('websession', { entities: [], migrations: [WebSessions1796400000000] });
    sut = new WebSessionStore(db.dataSource, cipher);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('keeps the tokens encrypted under a digest of the id, and finds the session by the id only', async () => {
    const id = newSessionId();
    await sut.create(id, session('jw-overvecht'), at(720));
    const [row] = (await db.dataSource.query(`SELECT id_digest, sealed_tokens FROM web_session`)) as {
      id_digest: string;
      sealed_tokens: string;
    }[];
    expect(row.id_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(row.id_digest).not.toContain(id);
    expect(row.sealed_tokens).not.toContain('access-1');
    expect(await sut.find(id)).toEqual({ ...session('jw-overvecht'), tokens });
    expect(await sut.find(newSessionId())).toBeUndefined();
    await sut.delete(id);
  });

  it('replaces the tokens on a refresh and deletes the sessions past their end or idle since the cut-off', async () => {
    const [busy, idle, old] = [newSessionId(), newSessionId(), newSessionId()];
    await sut.create(busy, session('busy'), at(720));
    await sut.create(idle, session('idle'), at(720));
    await sut.create(old, session('old'), at(30));
    await sut.touch(busy, at(40));
    await sut.replaceTokens(busy, { ...tokens, accessToken: 'access-2', accessExpiresAt: at(100) });

    // At 08:45 with a 30-minute idle timeout: idle (last seen 08:00) and old (ended 08:30) go.
    expect(await sut.deleteEnded(at(45), at(15))).toBe(2);
    expect(await sut.find(idle)).toBeUndefined();
    expect(await sut.find(old)).toBeUndefined();
    expect(await sut.find(busy)).toMatchObject({
      lastSeenAt: at(40),
      accessExpiresAt: at(100),
      tokens: { accessToken: 'access-2', refreshToken: 'refresh-1' },
    });
  });
});
