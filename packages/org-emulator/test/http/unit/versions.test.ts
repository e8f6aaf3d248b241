/**
 * API versions and their release names.
 */
import { isServedVersion, releaseLabel, versionsList } from '../../../src/http/rest/versions';

describe('API versions', () => {
  it("name releases as Salesforce does (53.0 is Winter '22, 66.0 is Spring '26)", () => {
    expect(releaseLabel(53)).toBe("Winter '22");
    expect(releaseLabel(30)).toBe("Spring '14");
    expect(releaseLabel(66)).toBe("Spring '26");
  });

  it('list the served versions, oldest first, from 31.0 (older ones are retired)', () => {
    const list = versionsList(62);
    expect(list[0]).toEqual({ label: "Summer '14", url: '/services/data/v31.0', version: '31.0' });
    expect(list[list.length - 1]?.version).toBe('62.0');
    expect(isServedVersion('62.0', 62)).toBe(true);
    expect(isServedVersion('63.0', 62)).toBe(false);
    expect(isServedVersion('30.0', 62)).toBe(false);
  });
});
