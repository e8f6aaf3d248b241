/**
 * Plays what `sf project deploy start` does with a PermissionSet file, through the REST API as an administrator: the
 * set's system permissions are replaced by the file's (a deploy replaces the whole set), and its object and field
 * permissions are created or updated. The emulator has no Metadata API; the REST writes are subject to the same
 * dependency and license rules, so a file that would not deploy fails here too. One exception, the admin's documented
 * next step: when Salesforce refuses the set's system permissions for requirements it names ("Permission Modify All
 * Data depends on permission(s): ..."), which PermissionDependency may not list, the admin enables them and deploys
 * again.
 */
import type { Connection } from 'jsforce';
import { parseDependencyMessage } from '@service/permissions/learnedDependencies';
import { queryAll } from '@test-support/engine/orgQueries';

interface ParsedSet {
  label: string;
  userPermissions: string[];
  objects: ({ SobjectType: string } & Record<string, boolean | string>)[];
  fields: { field: string; readable: boolean; editable: boolean }[];
}

function blocks(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1] ?? '');
}

function value(block: string, tag: string): string {
  return (new RegExp(`<${tag}>\\s*([\\s\\S]*?)\\s*</${tag}>`).exec(block)?.[1] ?? '').trim();
}

/** The parts of a PermissionSet file the deploy writes. */
export function parsePermissionSet(xml: string): ParsedSet {
  return {
    label: value(xml, 'label'),
    userPermissions: blocks(xml, 'userPermissions')
      .filter((b) => value(b, 'enabled') === 'true')
      .map((b) => value(b, 'name')),
    objects: blocks(xml, 'objectPermissions').map((b) => ({
      SobjectType: value(b, 'object'),
      PermissionsRead: value(b, 'allowRead') === 'true',
      PermissionsCreate: value(b, 'allowCreate') === 'true',
      PermissionsEdit: value(b, 'allowEdit') === 'true',
      PermissionsDelete: value(b, 'allowDelete') === 'true',
      PermissionsViewAllRecords: value(b, 'viewAllRecords') === 'true',
      PermissionsModifyAllRecords: value(b, 'modifyAllRecords') === 'true',
      PermissionsViewAllFields: value(b, 'viewAllFields') === 'true',
    })),
    fields: blocks(xml, 'fieldPermissions').map((b) => ({
      field: value(b, 'field'),
      readable: value(b, 'readable') === 'true',
      editable: value(b, 'editable') === 'true',
    })),
  };
}

/**
 * Saves records 200 at a time. A deploy validates the set as a whole, so rows refused only because a row they depend
 * on (a detail object's master) comes later are saved in a further pass.
 */
async function saveAll(
  conn: Connection,
  type: string,
  records: Record<string, unknown>[],
  op: 'create' | 'update',
): Promise<void> {
  let pending = records;
  while (pending.length > 0) {
    const refused: { record: Record<string, unknown>; errors: unknown }[] = [];
    for (let i = 0; i < pending.length; i += 200) {
      const chunk = pending.slice(i, i + 200);
      const results = await (op === 'create'
        ? conn.sobject(type).create(chunk)
        : conn.sobject(type).update(chunk as { Id: string }[]));
      results.forEach((r, j) => {
        if (!r.success) refused.push({ record: chunk[j] ?? {}, errors: r.errors });
      });
    }
    if (refused.length === pending.length)
      throw new Error(`${type} ${op} failed: ${JSON.stringify(refused.slice(0, 3))}`);
    pending = refused.map((r) => r.record);
  }
}

/** Saves the set's flags; on a "depends on permission(s)" refusal enables what it names (by label) and saves again. */
async function saveSetWithNamedRequirements(
  conn: Connection,
  name: string,
  label: string,
  flags: Record<string, boolean>,
  labels: Map<string, string>,
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const [existing] = await queryAll<{ Id: string }>(conn, `SELECT Id FROM PermissionSet WHERE Name = '${name}'`);
      if (existing) {
        await conn.sobject('PermissionSet').update({ Id: existing.Id, Label: label, ...flags });
        return existing.Id;
      }
      const created = await conn.sobject('PermissionSet').create({ Name: name, Label: label, ...flags });
      if (!created.success) throw new Error(`PermissionSet create failed: ${JSON.stringify(created)}`);
      return created.id;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= 3 || !/depends on permission\(s\)/.test(message)) throw error;
      for (const clause of parseDependencyMessage(message.replace(/^FIELD_INTEGRITY_EXCEPTION:\s*/, ''))) {
        for (const required of clause.requires) {
          const field = labels.get(required.toLowerCase());
          if (!field) throw error;
          flags[field] = true;
        }
      }
    }
  }
}

/** Deploys a PermissionSet file as `name`; returns the set's id. */
export async function deployPermissionSet(conn: Connection, name: string, xml: string): Promise<string> {
  const parsed = parsePermissionSet(xml);
  const describe = await conn.sobject('PermissionSet').describe();
  const flags: Record<string, boolean> = {};
  for (const f of describe.fields) {
    if (f.name.startsWith('Permissions') && f.type === 'boolean' && f.updateable)
      flags[f.name] = parsed.userPermissions.includes(f.name.slice(11));
  }
  const labels = new Map(describe.fields.map((f) => [f.label.toLowerCase(), f.name]));
  const id = await saveSetWithNamedRequirements(conn, name, parsed.label, flags, labels);
  const objectRows = await queryAll<{ Id: string; SobjectType: string }>(
    conn,
    `SELECT Id, SobjectType FROM ObjectPermissions WHERE ParentId = '${id}'`,
  );
  const objectIds = new Map(objectRows.map((r) => [r.SobjectType.toLowerCase(), r.Id]));
  const objects = parsed.objects.map((o) => ({ ...o, ParentId: id }));
  await saveAll(
    conn,
    'ObjectPermissions',
    objects.filter((o) => !objectIds.has(String(o.SobjectType).toLowerCase())),
    'create',
  );
  await saveAll(
    conn,
    'ObjectPermissions',
    objects.flatMap(({ ParentId: _p, SobjectType, ...rest }) => {
      const rowId = objectIds.get(String(SobjectType).toLowerCase());
      return rowId ? [{ Id: rowId, ...rest }] : [];
    }),
    'update',
  );
  const fieldRows = await queryAll<{ Id: string; Field: string }>(
    conn,
    `SELECT Id, Field FROM FieldPermissions WHERE ParentId = '${id}'`,
  );
  const fieldIds = new Map(fieldRows.map((r) => [r.Field.toLowerCase(), r.Id]));
  const fields = parsed.fields.map((f) => ({
    ParentId: id,
    SobjectType: f.field.slice(0, f.field.indexOf('.')),
    Field: f.field,
    PermissionsRead: f.readable,
    PermissionsEdit: f.editable,
  }));
  await saveAll(
    conn,
    'FieldPermissions',
    fields.filter((f) => !fieldIds.has(f.Field.toLowerCase())),
    'create',
  );
  await saveAll(
    conn,
    'FieldPermissions',
    fields.flatMap((f) => {
      const rowId = fieldIds.get(f.Field.toLowerCase());
      return rowId ? [{ Id: rowId, PermissionsRead: f.PermissionsRead, PermissionsEdit: f.PermissionsEdit }] : [];
    }),
    'update',
  );
  return id;
}
