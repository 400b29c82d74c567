import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { SessionTokens } from './oidc-relying-party';
import type { SessionTimes } from './session-lifetime';
import type { SessionTokenCipher } from './session-settings';

/** The tokens' ciphertext is bound to this context: it does not decrypt as any other kind of secret. */
const TOKENS_CONTEXT = 'samenspel.web-session.tokens';

export interface WebSession extends SessionTimes {
  subject: string;
  tokens: SessionTokens;
}

interface WebSessionRow {
  subject: string;
  sealed_tokens: string;
  access_expires_at: Date;
  created_at: Date;
  last_seen_at: Date;
}

/** A new random session id (256 bits), the cookie's value. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** The web_session table: the row of a session id is found by its digest, the tokens sealed at rest. */
export class WebSessionStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SessionTokenCipher,
  ) {}

  async create(id: string, session: WebSession, endsAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO web_session (id_digest, subject, sealed_tokens, access_expires_at, created_at, last_seen_at, ends_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        digest(id),
        session.subject,
        this.seal(session.tokens),
        session.accessExpiresAt,
        session.createdAt,
        session.lastSeenAt,
        endsAt,
      ],
    );
  }

  async find(id: string): Promise<WebSession | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT subject, sealed_tokens, access_expires_at, created_at, last_seen_at FROM web_session WHERE id_digest = $1`,
      [digest(id)],
    )) as WebSessionRow[];
    const row = rows[0];
    if (!row) return undefined;
    const tokens = JSON.parse(this.cipher.decrypt(row.sealed_tokens, TOKENS_CONTEXT)) as SessionTokens;
    return {
      subject: row.subject,
      tokens: { ...tokens, accessExpiresAt: new Date(tokens.accessExpiresAt) },
      accessExpiresAt: new Date(row.access_expires_at),
      createdAt: new Date(row.created_at),
      lastSeenAt: new Date(row.last_seen_at),
    };
  }

  async replaceTokens(id: string, tokens: SessionTokens): Promise<void> {
    await this.dataSource.query(
      `UPDATE web_session SET sealed_tokens = $2, access_expires_at = $3 WHERE id_digest = $1`,
      [digest(id), this.seal(tokens), tokens.accessExpiresAt],
    );
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE web_session SET last_seen_at = $2 WHERE id_digest = $1`, [
      digest(id),
      at,
    ]);
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM web_session WHERE id_digest = $1`, [digest(id)]);
  }

  /** Removes the sessions past their absolute end or idle since `idleSince`; returns how many. */
  async deleteEnded(now: Date, idleSince: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM web_session WHERE ends_at <= $1 OR last_seen_at <= $2`,
      [now, idleSince],
    )) as [unknown, number];
    return count;
  }

  private seal(tokens: SessionTokens): string {
    return this.cipher.encrypt(JSON.stringify(tokens), TOKENS_CONTEXT);
  }
}

function digest(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}
