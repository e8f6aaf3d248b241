/**
 * Dependent permissions, read from the org's Tooling `PermissionDependency` rows instead of a hard-coded list:
 * Salesforce refuses a permission set whose permissions miss a requirement (FIELD_INTEGRITY_EXCEPTION) and does not
 * enable requirements for you through the API, so every write is expanded with the org's own dependency data first.
 * Rows name user permissions by API name (`ModifyAllData`) and object permissions as `Object<verb>` (`Account<read>`).
 */
import type { ObjectVerb } from './profile';

/** One PermissionDependency row. */
export interface PermissionDependencyRow {
  Id?: string;
  Permission: string;
  PermissionType: string;
  RequiredPermission: string;
  RequiredPermissionType: string;
}

/** The Tooling query that reads them (View Setup and Configuration, API 46+). */
export const PERMISSION_DEPENDENCY_SOQL =
  'SELECT Id, Permission, PermissionType, RequiredPermission, RequiredPermissionType FROM PermissionDependency';

/** A permission as the dependency graph names it: a user permission or an object verb on an object. */
export type PermissionRef = { kind: 'user'; name: string } | { kind: 'object'; object: string; verb: ObjectVerb };

const VERB_ALIASES: Readonly<Record<string, ObjectVerb>> = {
  read: 'Read',
  create: 'Create',
  edit: 'Edit',
  update: 'Edit',
  delete: 'Delete',
  viewall: 'ViewAllRecords',
  viewallrecords: 'ViewAllRecords',
  modifyall: 'ModifyAllRecords',
  modifyallrecords: 'ModifyAllRecords',
  viewallfields: 'ViewAllFields',
};

/** Parses a PermissionDependency name of the given type, or undefined when it is neither form. */
export function parsePermission(name: string, type: string): PermissionRef | undefined {
  const objectForm = /^(.+)<(\w+)>$/.exec(name.trim());
  if (objectForm?.[1] && objectForm[2]) {
    const verb = VERB_ALIASES[objectForm[2].toLowerCase()];
    return verb ? { kind: 'object', object: objectForm[1], verb } : undefined;
  }
  if (/object/i.test(type)) return undefined;
  return { kind: 'user', name: name.trim().replace(/^Permissions/, '') };
}

function keyOf(ref: PermissionRef): string {
  return ref.kind === 'user' ? `u:${ref.name.toLowerCase()}` : `o:${ref.object.toLowerCase()}:${ref.verb}`;
}

/** The org's dependency graph. */
export class DependencyGraph {
  private readonly edges = new Map<string, PermissionRef[]>();

  /** Builds the graph from PermissionDependency rows; rows in forms we do not know are skipped. */
  static fromRows(rows: Iterable<PermissionDependencyRow>): DependencyGraph {
    const graph = new DependencyGraph();
    for (const row of rows) {
      const from = parsePermission(row.Permission, row.PermissionType);
      const to = parsePermission(row.RequiredPermission, row.RequiredPermissionType);
      if (!from || !to) continue;
      const list = graph.edges.get(keyOf(from)) ?? [];
      list.push(to);
      graph.edges.set(keyOf(from), list);
    }
    return graph;
  }

  /** Number of permissions that have requirements. */
  get size(): number {
    return this.edges.size;
  }

  /** Direct requirements of one permission. */
  requirementsOf(ref: PermissionRef): readonly PermissionRef[] {
    return this.edges.get(keyOf(ref)) ?? [];
  }

  /**
   * Everything `start` needs, transitively, including `start` itself. Order: each permission after the ones it
   * requires, so the result can be written in one go.
   */
  closure(start: Iterable<PermissionRef>): PermissionRef[] {
    const out: PermissionRef[] = [];
    const seen = new Set<string>();
    const visiting = new Set<string>();
    const visit = (ref: PermissionRef): void => {
      const key = keyOf(ref);
      if (seen.has(key) || visiting.has(key)) return;
      visiting.add(key);
      for (const req of this.requirementsOf(ref)) visit(req);
      visiting.delete(key);
      seen.add(key);
      out.push(ref);
    };
    for (const ref of start) visit(ref);
    return out;
  }

  /** User permissions (API names) needed for `names`, with their requirements. */
  userPermissionClosure(names: Iterable<string>): { user: string[]; objects: PermissionRef[] } {
    const refs = this.closure([...names].map((name) => ({ kind: 'user' as const, name })));
    return {
      user: refs.flatMap((r) => (r.kind === 'user' ? [r.name] : [])),
      objects: refs.filter((r) => r.kind === 'object'),
    };
  }

  /**
   * Object verbs needed, per object (lower-case key), for the wanted verbs: same-object requirements (Delete needs
   * Edit and Read) and other objects' (a detail object's Read needs Read on its master).
   */
  objectClosure(
    wanted: ReadonlyMap<string, { object: string; verbs: Iterable<ObjectVerb> }>,
  ): Map<string, { object: string; verbs: Set<ObjectVerb> }> {
    const start: PermissionRef[] = [];
    for (const { object, verbs } of wanted.values())
      for (const verb of verbs) start.push({ kind: 'object', object, verb });
    const out = new Map<string, { object: string; verbs: Set<ObjectVerb> }>();
    for (const ref of this.closure(start)) {
      if (ref.kind !== 'object') continue;
      const key = ref.object.toLowerCase();
      const entry = out.get(key) ?? { object: wanted.get(key)?.object ?? ref.object, verbs: new Set<ObjectVerb>() };
      entry.verbs.add(ref.verb);
      out.set(key, entry);
    }
    return out;
  }
}
