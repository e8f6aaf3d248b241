/**
 * Cost of effective access under bulk writes: loading field permissions into a set the running user holds must stay
 * linear. Each write re-reads the user's effective access; object and field access (one entry per field) are only
 * built when something reads them, so writes that only check system permissions do not rebuild them row after row.
 */
import { acmeCtx, acmeUserId, savedId, testWorld } from './orgTestKit';

const world = testWorld();
const acme = world.org('acmeProduction');
const integration = acmeCtx(world, 'integration');

afterAll(() => acme.reset());

/** Milliseconds to insert `count` edit grants on fields of `objects` into `setId`, skipping `skip` fields. */
function load(setId: string, objects: string[], skip: number, count: number): number {
  const fields = objects.flatMap((name) =>
    (acme.schema.getObject(name)?.fields ?? [])
      .filter((f) => f.permissionable && !f.calculated && !f.autoNumber)
      .map((f) => `${name}.${f.name}`),
  );
  const started = performance.now();
  for (const field of fields.slice(skip, skip + count)) {
    const [sobjectType] = field.split('.');
    const result = acme.create(integration, 'FieldPermissions', {
      ParentId: setId,
      SobjectType: sobjectType,
      Field: field,
      PermissionsRead: true,
      PermissionsEdit: true,
    });
    if (!result.success) throw new Error(JSON.stringify(result.errors));
  }
  return performance.now() - started;
}

it('keeps field-permission writes into an assigned set linear in the number of rows', () => {
  const setId = savedId(acme.create(integration, 'PermissionSet', { Name: 'Bulk_Load', Label: 'Bulk Load' }));
  savedId(
    acme.create(integration, 'PermissionSetAssignment', {
      AssigneeId: acmeUserId(world, 'integration'),
      PermissionSetId: setId,
    }),
  );
  for (let i = 0; i < 60; i++) {
    const name = `Load_${i}__c`;
    acme.addCustomObject({ name, label: `Load ${i}`, labelPlural: `Loads ${i}` });
    for (let j = 0; j < 100; j++)
      acme.addCustomField(name, { name: `F${j}__c`, label: `F ${j}`, type: 'string', length: 40 });
    savedId(
      acme.create(integration, 'ObjectPermissions', { ParentId: setId, SobjectType: name, PermissionsRead: true }),
    );
  }
  const objects = Array.from({ length: 60 }, (_, i) => `Load_${i}__c`);
  const first = load(setId, objects, 0, 500);
  load(setId, objects, 500, 5000);
  const late = load(setId, objects, 5500, 500);
  // Rebuilding access after every row made the late batch ~10x slower than the first; linear stays within noise.
  expect(late).toBeLessThan(first * 3 + 50);
  // Reads still see every grant.
  expect(acme.effectiveAccess(acmeUserId(world, 'integration')).fields.get('load_59__c.f99__c')).toEqual({
    read: true,
    edit: true,
  });
});
