/**
 * Salesforce org ids in their canonical 18-character form. Apex sends `UserInfo.getOrganizationId()` (18 characters),
 * admins often copy the 15-character form from Setup; both name the same org, so every comparison and every stored
 * org id goes through `canonicalOrgId` first.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ORG_ID_15 = /^00D[A-Za-z0-9]{12}$/;
const ORG_ID_18 = /^00D[A-Za-z0-9]{15}$/;

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
 * The 18-character form of an org id given in 15- or 18-character form, or null when the value is not an org id
 * (wrong prefix, length or characters, or an 18-character id whose suffix does not match its first 15 characters).
 */
export function canonicalOrgId(value: string | null | undefined): string | null {
  const id = (value ?? '').trim();
  if (ORG_ID_15.test(id)) return id + caseSuffix(id);
  if (!ORG_ID_18.test(id)) return null;
  const id15 = id.slice(0, 15);
  // The suffix only encodes letter case, so Salesforce treats it case-insensitively.
  return id.slice(15).toUpperCase() === caseSuffix(id15) ? id15 + caseSuffix(id15) : null;
}

/** True when two org ids (15 or 18 characters) name the same org. */
export function sameOrg(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = canonicalOrgId(a);
  return left !== null && left === canonicalOrgId(b);
}
