// Identifiers. Account-level ids (organizations, users) are 32 hex characters like Huawei's
// domain and user ids; other entities carry a short prefix that says what they are.
import { randomBytes, randomUUID } from 'node:crypto';

export function newId(): string {
  return randomUUID().replaceAll('-', '');
}

export function newPrefixedId(prefix: string): string {
  return `${prefix}${randomUUID().replaceAll('-', '').toUpperCase()}`;
}

/** A URL-safe secret of the given number of random bytes. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
