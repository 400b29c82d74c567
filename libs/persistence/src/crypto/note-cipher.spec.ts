import { randomBytes } from 'node:crypto';
import { NoteCipher, NoteDecryptionError } from './note-cipher';

const keyA = { id: 'k1', key: randomBytes(32) };
const keyB = { id: 'k2', key: randomBytes(32) };
const note = 'Wil graag bij de muziekgroep; liever op woensdag. Ëén accent.';

describe('note encryption at rest', () => {
  it('round-trips a note and never stores it in the clear', () => {
    const cipher = new NoteCipher(keyA);
    const stored = cipher.encrypt(note, 'ref-1');
    expect(stored.startsWith('v1.k1.')).toBe(true);
    expect(stored).not.toContain('muziek');
    expect(cipher.decrypt(stored, 'ref-1')).toBe(note);
  });

  it('gives two different ciphertexts for the same note (fresh IV)', () => {
    const cipher = new NoteCipher(keyA);
    expect(cipher.encrypt(note, 'ref-1')).not.toBe(cipher.encrypt(note, 'ref-1'));
  });

  it('detects a changed ciphertext byte', () => {
    const cipher = new NoteCipher(keyA);
    const parts = cipher.encrypt(note, 'ref-1').split('.');
    const body = Buffer.from(parts[4], 'base64url');
    body[0] ^= 0x01;
    parts[4] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'ref-1')).toThrow(NoteDecryptionError);
  });

  it('detects a changed auth tag', () => {
    const cipher = new NoteCipher(keyA);
    const parts = cipher.encrypt(note, 'ref-1').split('.');
    const tag = Buffer.from(parts[3], 'base64url');
    tag[15] ^= 0x80;
    parts[3] = tag.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'ref-1')).toThrow(NoteDecryptionError);
  });

  it('refuses a note copied onto another referral', () => {
    const cipher = new NoteCipher(keyA);
    expect(() => cipher.decrypt(cipher.encrypt(note, 'ref-1'), 'ref-2')).toThrow(NoteDecryptionError);
  });

  it('still decrypts an old note after the key was rotated, and encrypts new ones with the new key', () => {
    const before = new NoteCipher(keyA).encrypt(note, 'ref-1');
    const rotated = new NoteCipher(keyB, [keyA]);
    expect(rotated.decrypt(before, 'ref-1')).toBe(note);
    expect(rotated.encrypt(note, 'ref-1').startsWith('v1.k2.')).toBe(true);
  });

  it('refuses a note whose key is unknown', () => {
    const stored = new NoteCipher(keyA).encrypt(note, 'ref-1');
    expect(() => new NoteCipher(keyB).decrypt(stored, 'ref-1')).toThrow('no note key with id k1');
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new NoteCipher({ id: 'short', key: randomBytes(16) })).toThrow('32 bytes');
  });
});
