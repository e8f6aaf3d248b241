import { bearerCredential, formatLinkKey, newLinkKeyParts, parseLinkKey } from '@service/orgApi/linkKeyFormat';
import { isLinkKey, LINK_KEY_PATTERN } from '@service/orgApi/setupRules';

describe('link key format', () => {
  it('makes 70-character keys the GRAX Setup page accepts, different every time', () => {
    const keys = Array.from({ length: 50 }, () => formatLinkKey(newLinkKeyParts()));
    for (const key of keys) {
      expect(key).toHaveLength(70);
      // The rule GraxRules.cls and c/graxRules are generated from.
      expect(isLinkKey(key)).toBe(true);
      expect(key).toMatch(new RegExp(LINK_KEY_PATTERN));
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('splits a key by position even when its parts contain underscores', () => {
    const parts = { keyId: 'ab_cd-ef_gh_ij_kl_mn_o', secret: '_'.repeat(10) + 'x'.repeat(33) };
    expect(parseLinkKey(formatLinkKey(parts))).toEqual(parts);
  });

  it('refuses anything that is not exactly a link key', () => {
    const good = formatLinkKey(newLinkKeyParts());
    for (const bad of [
      '',
      'gxk_',
      good.slice(0, -1),
      `${good}A`,
      ` ${good}`,
      good.replace('gxk_', 'GXK_'),
      good.replace('gxk_', 'gxs_'),
      `${good.slice(0, 30)}+${good.slice(31)}`,
      `${good.slice(0, 26)}.${good.slice(27)}`,
    ]) {
      expect(parseLinkKey(bad)).toBeNull();
    }
  });

  it('reads the credential of a Bearer header in any letter case, and nothing from another scheme', () => {
    expect(bearerCredential('Bearer gxk_abc ')).toBe('gxk_abc');
    expect(bearerCredential('bearer  gxk_abc')).toBe('gxk_abc');
    for (const none of [undefined, '', 'Bearer', 'Bearer ', 'Basic gxk_abc', 'Bearergxk_abc']) {
      expect(bearerCredential(none)).toBe('');
    }
  });
});
