/**
 * Salesforce record ids, which Salesforce hands out in two forms: 15 characters (case-sensitive, what Setup shows) and
 * 18 characters (the API's form: the 15 plus a 3-character suffix that encodes the letter case). Every comparison and
 * every stored org id goes through this module, so the two forms always compare equal.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[A-Za-z0-9]{15}$/;
const ID_18 = /^[A-Za-z0-9]{18}$/;
const ORG_ID_PREFIX = '00D';

/** The three-character case-safe suffix Salesforce appends to a 15-character id. */
function caseSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const char = id15.charAt(chunk * 5 + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * The 18-character form of an id given in 15- or 18-character form, or null when the value is not a Salesforce id
 * (wrong length or characters, or an 18-character id whose suffix does not match its first 15 characters).
 */
export function salesforceId18(value: string | null | undefined): string | null {
  const id = (value ?? '').trim();
  if (ID_15.test(id)) return id + caseSuffix(id);
  if (!ID_18.test(id)) return null;
  const id15 = id.slice(0, 15);
  // The suffix only encodes letter case, so Salesforce reads it case-insensitively.
  return id.slice(15).toUpperCase() === caseSuffix(id15) ? id15 + caseSuffix(id15) : null;
}

/** The 18-character form of an org id (prefix 00D), or null when the value is not one. */
export function canonicalOrgId(value: string | null | undefined): string | null {
  const id = salesforceId18(value);
  return id !== null && id.startsWith(ORG_ID_PREFIX) ? id : null;
}

/** True when two values are the same Salesforce id (15- and 18-character forms compare equal; case matters). */
export function sameSalesforceId(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = salesforceId18(a);
  return left !== null && left === salesforceId18(b);
}
