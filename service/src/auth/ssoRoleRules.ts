/**
 * Deny-by-default role rules for SSO, as a pure function of what was read from the org: only an active user of type
 * Standard gets a role, and only from custom permission GRAX_Manage_Connection (admin) or GRAX_View (viewer) held
 * through the profile, permission sets or permission set groups, or from a permission set an admin mapped to a role
 * in Settings > SSO access. A group's muting set takes custom permissions away from that group only, as in Salesforce:
 * the same permission held directly or through another group still counts. Expired assignments and session-based sets
 * give nothing (they arrive here already separated as `ignored`). The highest role wins. A denial carries notes that
 * explain near misses (an expired GRAX assignment, a muted permission), so the page can say what to ask for.
 */
import type { Role } from '../domain/actor';
import { effectiveUnion, grantedUnion, setIdsOf, type AccessSource } from '../permissions/org/accessSources';

/** The custom permissions the GRAX package defines for SSO roles. */
export const GRAX_CUSTOM_PERMISSIONS = { admin: 'GRAX_Manage_Connection', viewer: 'GRAX_View' } as const;

/** The permission sets of the GRAX package that carry them (what to ask a Salesforce admin for). */
export const GRAX_ROLE_SETS = { admin: 'GRAX_Setup_Admin', viewer: 'GRAX_Viewer' } as const;

/** A permission set an admin mapped to a role in Settings > SSO access. */
export interface RoleMapping {
  /** PermissionSet.Name (API name). */
  permissionSet: string;
  role: Role;
}

/** A permission set (or profile-owned set, or muting set) as far as the rules care. */
export interface RoleSetInfo {
  name: string;
  isOwnedByProfile: boolean;
  isMuting: boolean;
}

/** An assignment that gives nothing now. */
export interface IgnoredGrant {
  setId: string | null;
  reason: 'expired' | 'sessionBased';
  expirationDate: string | null;
}

/** Everything the rules need about one Salesforce user. */
export interface SsoRoleInput {
  user: { isActive: boolean; userType: string | null };
  /** Where access comes from now: the profile, each active direct set, each active group with its own muting set. */
  sources: readonly AccessSource[];
  ignored: readonly IgnoredGrant[];
  sets: ReadonlyMap<string, RoleSetInfo>;
  /** Custom permission API names each set (granting, muting or ignored) gives access to, by set id. */
  customPermissionsBySet: ReadonlyMap<string, ReadonlySet<string>>;
  mappings: readonly RoleMapping[];
}

/** Where a role came from. */
export type RoleSource = { via: 'customPermission'; name: string } | { via: 'mappedSet'; name: string };

/** Why a near miss did not count. */
export type DenialNote =
  | { kind: 'expired'; setName: string; expirationDate: string | null }
  | { kind: 'sessionBased'; setName: string }
  | { kind: 'muted'; permission: string };

export type SsoRoleDecision =
  | { kind: 'allowed'; role: Role; sources: RoleSource[] }
  | { kind: 'inactive' }
  | { kind: 'notStandard'; userType: string | null }
  | { kind: 'noRole'; notes: DenialNote[] };

const RANK: Record<Role, number> = { viewer: 1, admin: 2 };

function roleOfPermission(name: string): Role | null {
  if (name === GRAX_CUSTOM_PERMISSIONS.admin) return 'admin';
  if (name === GRAX_CUSTOM_PERMISSIONS.viewer) return 'viewer';
  return null;
}

function mappedRole(mappings: readonly RoleMapping[], setName: string): Role | null {
  let best: Role | null = null;
  for (const m of mappings) {
    if (m.permissionSet.toLowerCase() !== setName.toLowerCase()) continue;
    if (!best || RANK[m.role] > RANK[best]) best = m.role;
  }
  return best;
}

/** Decides a Salesforce user's GRAX role, or why there is none. */
export function decideSsoRole(input: SsoRoleInput): SsoRoleDecision {
  if (!input.user.isActive) return { kind: 'inactive' };
  if ((input.user.userType ?? '').toLowerCase() !== 'standard') {
    return { kind: 'notStandard', userType: input.user.userType };
  }
  const permissionsOfSet = (id: string): Iterable<string> => input.customPermissionsBySet.get(id) ?? [];
  const effective = effectiveUnion(input.sources, permissionsOfSet);
  const candidates: { role: Role; source: RoleSource }[] = [];
  for (const permission of effective) {
    const role = roleOfPermission(permission);
    if (role) candidates.push({ role, source: { via: 'customPermission', name: permission } });
  }
  for (const id of setIdsOf(input.sources, 'granting')) {
    const set = input.sets.get(id);
    if (!set || set.isMuting || set.isOwnedByProfile) continue;
    const role = mappedRole(input.mappings, set.name);
    if (role) candidates.push({ role, source: { via: 'mappedSet', name: set.name } });
  }
  if (candidates.length > 0) {
    const role = candidates.some((c) => c.role === 'admin') ? 'admin' : 'viewer';
    return { kind: 'allowed', role, sources: candidates.filter((c) => c.role === role).map((c) => c.source) };
  }
  return { kind: 'noRole', notes: denialNotes(input, grantedUnion(input.sources, permissionsOfSet), effective) };
}

function denialNotes(input: SsoRoleInput, granted: Set<string>, effective: Set<string>): DenialNote[] {
  const notes: DenialNote[] = [];
  for (const permission of [GRAX_CUSTOM_PERMISSIONS.admin, GRAX_CUSTOM_PERMISSIONS.viewer]) {
    if (granted.has(permission) && !effective.has(permission)) notes.push({ kind: 'muted', permission });
  }
  for (const ignored of input.ignored) {
    const set = ignored.setId ? input.sets.get(ignored.setId) : undefined;
    if (!set || !ignored.setId) continue;
    const givesRole =
      [...(input.customPermissionsBySet.get(ignored.setId) ?? [])].some((p) => roleOfPermission(p) !== null) ||
      mappedRole(input.mappings, set.name) !== null;
    if (!givesRole) continue;
    notes.push(
      ignored.reason === 'expired'
        ? { kind: 'expired', setName: set.name, expirationDate: ignored.expirationDate }
        : { kind: 'sessionBased', setName: set.name },
    );
  }
  return notes;
}
