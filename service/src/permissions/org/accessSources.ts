/**
 * Where a user's access comes from, one source at a time, and the rule that turns sources into effective access.
 * A source is the profile, one active directly assigned permission set, or one active permission set group (its
 * component sets and its muting set). Salesforce mutes a permission only inside the group whose muting set names it:
 * the same permission from the profile, a direct set or another group stays effective. Every consumer (system, object,
 * field and custom permissions) goes through `effectiveUnion`, so the rule lives in one place.
 */

/** One place a user's access comes from. */
export interface AccessSource {
  kind: 'profile' | 'permissionSet' | 'group';
  /** The profile-owned permission set, the assigned permission set, or the PermissionSetGroup. */
  id: string;
  /** Permission sets whose grants this source gives. */
  granting: string[];
  /** Muting permission sets that take permissions away from this source alone (only groups have them). */
  muting: string[];
}

/** The permissions at least one source grants through a set without that same source's muting set muting them. */
export function effectiveUnion(
  sources: readonly AccessSource[],
  permissionsOfSet: (setId: string) => Iterable<string>,
): Set<string> {
  const effective = new Set<string>();
  for (const source of sources) {
    const muted = new Set<string>();
    for (const id of source.muting) for (const permission of permissionsOfSet(id)) muted.add(permission);
    for (const id of source.granting) {
      for (const permission of permissionsOfSet(id)) if (!muted.has(permission)) effective.add(permission);
    }
  }
  return effective;
}

/** `effectiveUnion` over permission rows (ObjectPermissions, FieldPermissions...) of granting and muting sets alike. */
export function effectiveUnionOfRows<Row extends { parentId: string }>(
  sources: readonly AccessSource[],
  rows: Iterable<Row>,
  permissionsOfRow: (row: Row) => Iterable<string>,
): Set<string> {
  const bySet = new Map<string, string[]>();
  for (const row of rows) {
    const permissions = bySet.get(row.parentId) ?? [];
    permissions.push(...permissionsOfRow(row));
    bySet.set(row.parentId, permissions);
  }
  return effectiveUnion(sources, (id) => bySet.get(id) ?? []);
}

/** The permissions the sources grant before any muting (to explain what muting took away). */
export function grantedUnion(
  sources: readonly AccessSource[],
  permissionsOfSet: (setId: string) => Iterable<string>,
): Set<string> {
  return effectiveUnion(
    sources.map((s) => ({ ...s, muting: [] })),
    permissionsOfSet,
  );
}

/**
 * Ids of the sets the sources name, each once: the granting sets, the muting sets, or both (default; the parents whose
 * permission rows must be read to apply the rule).
 */
export function setIdsOf(sources: readonly AccessSource[], role?: 'granting' | 'muting'): string[] {
  const ids = new Set<string>();
  if (role !== 'muting') for (const source of sources) for (const id of source.granting) ids.add(id);
  if (role !== 'granting') for (const source of sources) for (const id of source.muting) ids.add(id);
  return [...ids];
}
