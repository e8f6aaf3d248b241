import { buildSchema } from '../../src/org/seeds/orgFactory';
import { createManualClock } from '../../src/org/clock';
import { createWorld } from '../../src/org/world';
import { DEMO_USERS } from '../../src/org/demoCatalog';
import { profileSetId } from './orgTestKit';

describe('generated orgs', () => {
  it('give medium orgs 200 objects and 20,000 permissionable fields, the same for the same seed', () => {
    const a = buildSchema('medium', 11);
    expect(a.size()).toEqual({ objects: 200, permissionableFields: 20_000 });
    const names = (s: typeof a) => s.listObjects().map((o) => o.name);
    expect(names(buildSchema('medium', 11))).toEqual(names(a));
    expect(names(buildSchema('medium', 12))).not.toEqual(names(a));
  });

  // CPU time, not wall time: test workers share the machine, and waiting for a core is not the emulator's cost.
  it('build a large Acme Production (2,000 objects, 200,000 permissionable fields) in under 5 s of CPU and 600 MB of heap', () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const cpuBefore = process.cpuUsage();
    const world = createWorld({ orgSize: 'large', seed: 3, clock: createManualClock() });
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    const acme = world.org('acmeProduction');
    console.log(
      `large world: ${cpuMs.toFixed(0)} ms CPU, ${Date.now() - started} ms wall, +${heapMb.toFixed(0)} MB heap`,
    );
    expect(acme.schema.size()).toEqual({ objects: 2_000, permissionableFields: 200_000 });
    expect(world.org('acmeSandbox').schema.size().objects).toBeLessThan(100);
    expect(cpuMs).toBeLessThan(5_000);
    expect(heapMb).toBeLessThan(600);

    const adminSet = profileSetId(acme, 'System Administrator');
    expect(acme.core.store.lookup('FieldPermissions', 'parent', adminSet)).toHaveLength(200_000);

    const admin = acme.findUserByUsername(DEMO_USERS.acmeProduction.ssoAdmin.username);
    const ctx = { orgId: acme.id, userId: admin?.Id ?? '', apiVersion: 62, tooling: false };
    let t = Date.now();
    const access = acme.effectiveAccess(ctx.userId);
    const accessMs = Date.now() - t;
    t = Date.now();
    const global = acme.describeGlobal(ctx) as { sobjects: unknown[] };
    const generated = acme.schema.listObjects().find((o) => o.name.endsWith('_0001__c'));
    const describe = acme.describeSObject(ctx, generated?.name ?? '') as { fields: unknown[] };
    const describeMs = Date.now() - t;
    console.log(`admin effective access ${accessMs} ms, describeGlobal + describe ${describeMs} ms`);
    expect(access.fields.size).toBe(200_000);
    expect(global.sobjects.length).toBeGreaterThan(1_990);
    expect(describe.fields.length).toBeGreaterThan(50);
    expect(accessMs).toBeLessThan(2_000);
    expect(describeMs).toBeLessThan(1_000);
    expect(acme.effectiveAccess(ctx.userId)).toBe(access);
  });
});
