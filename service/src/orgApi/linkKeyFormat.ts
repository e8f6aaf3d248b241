/**
 * The text form of a link key: `gxk_<key id>_<secret>`, a 22-character key id (16 random bytes) and a 43-character
 * secret (32 random bytes), both base64url. Both parts may themselves contain `_`, so the key is split by position,
 * never by separator, and anything that is not exactly this shape is refused before the store is asked. The format
 * itself is defined in setupRules.ts, which GRAX Setup's Apex and LWC are generated from.
 */
import { randomToken } from '../crypto/random';
import { isLinkKey, LINK_KEY_ID_LENGTH, LINK_KEY_PREFIX, LINK_KEY_SECRET_LENGTH } from './setupRules';

/** A link key split into what the store looks up (key id) and what it compares (secret). */
export interface LinkKeyParts {
  keyId: string;
  secret: string;
}

/** Fresh random parts for a new key. */
export function newLinkKeyParts(): LinkKeyParts {
  // base64url of 16 and 32 bytes: LINK_KEY_ID_LENGTH and LINK_KEY_SECRET_LENGTH characters.
  return { keyId: randomToken(16), secret: randomToken(32) };
}

/** The key as shown once to an admin or written into the org. */
export function formatLinkKey(parts: LinkKeyParts): string {
  return `${LINK_KEY_PREFIX}${parts.keyId}_${parts.secret}`;
}

/** The credential of an `Authorization: Bearer <credential>` header; '' when the header carries none. */
export function bearerCredential(authorization: string | undefined): string {
  return /^Bearer(?:[ ]+(.*))?$/i.exec(authorization ?? '')?.[1]?.trim() ?? '';
}

/** The parts of a presented key, or null when it is not exactly a link key. */
export function parseLinkKey(presented: string): LinkKeyParts | null {
  if (!isLinkKey(presented)) return null;
  const keyIdStart = LINK_KEY_PREFIX.length;
  const secretStart = keyIdStart + LINK_KEY_ID_LENGTH + 1;
  return {
    keyId: presented.slice(keyIdStart, keyIdStart + LINK_KEY_ID_LENGTH),
    secret: presented.slice(secretStart, secretStart + LINK_KEY_SECRET_LENGTH),
  };
}
