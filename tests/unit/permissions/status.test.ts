/** Permission status: a full check sets the baseline; a scan reports only what broke since, and alerts once. */
import { PermissionStatusStore } from '@service/permissions/status';
import { missingFieldEdit, profileShared } from '@service/permissions/verify/finding';
import type { SettingsRepository } from '@service/store/types';
import type { JsonValue } from '@service/domain/json';

function memorySettings(): SettingsRepository {
  const values = new Map<string, JsonValue>();
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => {
      values.set(key, JSON.parse(JSON.stringify(value)) as JsonValue);
    },
    delete: async (key) => values.delete(key),
    list: async () => Object.fromEntries(values),
  };
}

const ORG = '00D000000000001AAA';
const at = new Date('2026-11-28T10:00:00.000Z');

describe('permission status', () => {
  it('is unknown until checked, then ok or findings', async () => {
    const status = new PermissionStatusStore(memorySettings());
    expect((await status.get(ORG)).state).toBe('unknown');
    expect((await status.recordCheck(ORG, [], at)).state).toBe('ok');
    expect((await status.recordCheck(ORG, [profileShared('P', 2)], at)).state).toBe('findings');
  });

  it('calls new problems drift, alerts about each once, and keeps known ones out of alerts', async () => {
    const status = new PermissionStatusStore(memorySettings());
    const known = profileShared('P', 2);
    await status.recordCheck(ORG, [known], at);
    const first = await status.recordScan(ORG, [known, missingFieldEdit('Account.A__c')], at);
    expect(first.status.state).toBe('drift');
    expect(first.newlyDrifted.map((f) => f.subject)).toEqual(['Field: Account.A__c']);
    const again = await status.recordScan(
      ORG,
      [known, missingFieldEdit('Account.A__c'), missingFieldEdit('Account.B__c')],
      at,
    );
    expect(again.newlyDrifted.map((f) => f.subject)).toEqual(['Field: Account.B__c']);
    expect(again.status.lastScanAt).toBe(at.toISOString());
  });

  it('clears drift after a full check (Auto Fix) and when the problem goes away', async () => {
    const status = new PermissionStatusStore(memorySettings());
    await status.recordCheck(ORG, [], at);
    await status.recordScan(ORG, [missingFieldEdit('Account.A__c')], at);
    expect((await status.recordScan(ORG, [], at)).status.state).toBe('ok');
    await status.recordScan(ORG, [missingFieldEdit('Account.A__c')], at);
    expect((await status.recordCheck(ORG, [], at)).state).toBe('ok');
    expect((await status.recordScan(ORG, [], at)).newlyDrifted).toEqual([]);
  });

  it('keeps at most 500 findings but counts them all', async () => {
    const status = new PermissionStatusStore(memorySettings());
    const many = Array.from({ length: 800 }, (_, i) => missingFieldEdit(`Account.F${i}__c`));
    const stored = await status.recordCheck(ORG, many, at);
    expect(stored.findings).toHaveLength(500);
    expect(stored.summary.error).toBe(800);
  });

  it('remembers the chosen features (all by default) and Auto Fix after scan (off by default)', async () => {
    const status = new PermissionStatusStore(memorySettings());
    expect(await status.features(ORG)).toEqual(['backup', 'archive', 'restore', 'monitoring']);
    await status.setFeatures(ORG, ['backup']);
    expect(await status.features(ORG)).toEqual(['backup']);
    expect(await status.autoFixAfterScan()).toBe(false);
    await status.setAutoFixAfterScan(true);
    expect(await status.autoFixAfterScan()).toBe(true);
  });
});
