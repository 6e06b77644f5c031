// Passwords hashed with scrypt (node:crypto; memory-hard, no native module), compared in constant time.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, n: number, r: number, p: number) =>
  new Promise<Buffer>((done, fail) => scryptCb(password.normalize('NFC'), salt, 32, { N: n, r, p, maxmem: 64 * 1024 * 1024 } satisfies ScryptOptions, (e, key) => (e ? fail(e) : done(key))));

/** N = 2^15, r = 8, p = 1 (OWASP's minimum for scrypt): ≈ 50–100 ms a hash here. */
const N = 1 << 15;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, 8, 1);
  return `scrypt$${N}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !hash) return false;
  const key = await scrypt(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  const want = Buffer.from(hash, 'base64');
  return key.length === want.length && timingSafeEqual(key, want);
}

/** A password for a new account (the first admin's, printed once): 16 characters, no look-alikes. */
export function newPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
}
