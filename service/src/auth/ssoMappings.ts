/**
 * Settings > SSO access: permission sets an admin maps to a GRAX role, on top of the default rule (the package's
 * custom permissions). Kept as one settings value; a name is checked against the connected org (PermissionSet by API
 * name) when GRAX is connected, and every change is audited.
 */
import type { Clock } from '../clock';
import { invalidFormField } from '../errors';
import { soqlString } from '../permissions/org/soql';
import type { Store } from '../store/types';
import type { Actor, Role } from '../domain/actor';
import type { JsonValue } from '../domain/json';
import { AUTH_AUDIT } from '../domain/audit';
import type { ActiveConnectionSource } from './integrationConnection';
import type { RoleMapping } from './ssoRoleRules';

const SETTINGS_KEY = 'sso.roleMappings';
/** API names: a letter, then letters, digits and single underscores (a namespace prefix adds `ns__`). */
const API_NAME = /^(?:[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*__)?[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*$/;

/** A saved mapping, with who saved it and when. */
export interface StoredRoleMapping extends RoleMapping {
  label: string | null;
  savedBy: string;
  savedAt: string;
  /** False when GRAX was not connected, so the name could not be checked in the org. */
  checkedInOrg: boolean;
}

function isRole(value: unknown): value is Role {
  return value === 'admin' || value === 'viewer';
}

function fromJson(value: JsonValue | undefined): StoredRoleMapping[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return [];
    const { permissionSet, role, label, savedBy, savedAt, checkedInOrg } = item;
    if (typeof permissionSet !== 'string' || !isRole(role)) return [];
    return [
      {
        permissionSet,
        role,
        label: typeof label === 'string' ? label : null,
        savedBy: typeof savedBy === 'string' ? savedBy : '',
        savedAt: typeof savedAt === 'string' ? savedAt : '',
        checkedInOrg: checkedInOrg === true,
      },
    ];
  });
}

function toJson(mappings: StoredRoleMapping[]): JsonValue {
  return mappings.map((m) => ({ ...m }));
}

export class SsoRoleMappings {
  constructor(
    private readonly deps: {
      store: Pick<Store, 'settings' | 'audit'>;
      clock: Clock;
      connection: ActiveConnectionSource;
    },
  ) {}

  /** Every mapping, by permission set name. */
  async list(): Promise<StoredRoleMapping[]> {
    return fromJson(await this.deps.store.settings.get(SETTINGS_KEY));
  }

  /**
   * Maps a permission set to a role (replacing an earlier mapping of the same set). Throws INVALID_REQUEST naming the
   * field when the name is malformed or, while GRAX is connected, no such permission set exists in the org.
   */
  async save(input: { permissionSet: unknown; role: unknown }, actor: Actor): Promise<StoredRoleMapping> {
    const name = typeof input.permissionSet === 'string' ? input.permissionSet.trim() : '';
    if (!API_NAME.test(name) || name.length > 80) {
      throw invalidFormField(
        'permissionSet',
        'Enter the permission set API name as shown in Setup > Permission Sets, for example Sales_Ops_GRAX.',
      );
    }
    if (!isRole(input.role)) throw invalidFormField('role', 'Choose Admin or Viewer as the role.');
    const found = await this.findInOrg(name);
    const mapping: StoredRoleMapping = {
      permissionSet: found?.name ?? name,
      role: input.role,
      label: found?.label ?? null,
      savedBy: actor.name,
      savedAt: this.deps.clock.now().toISOString(),
      checkedInOrg: found !== null,
    };
    const others = (await this.list()).filter((m) => m.permissionSet.toLowerCase() !== name.toLowerCase());
    await this.deps.store.settings.set(SETTINGS_KEY, toJson([...others, mapping]));
    await this.deps.store.audit.append({
      actor,
      action: AUTH_AUDIT.ssoMappingSaved,
      target: mapping.permissionSet,
      details: { role: mapping.role, checkedInOrg: mapping.checkedInOrg },
    });
    return mapping;
  }

  /** Removes a mapping; false when there was none for this name. */
  async remove(permissionSet: string, actor: Actor): Promise<boolean> {
    const all = await this.list();
    const kept = all.filter((m) => m.permissionSet.toLowerCase() !== permissionSet.toLowerCase());
    if (kept.length === all.length) return false;
    await this.deps.store.settings.set(SETTINGS_KEY, toJson(kept));
    await this.deps.store.audit.append({ actor, action: AUTH_AUDIT.ssoMappingRemoved, target: permissionSet });
    return true;
  }

  /**
   * The permission set in the connected org, or null when GRAX is not connected (the name cannot be checked).
   * Throws INVALID_REQUEST when connected and the set does not exist or is a profile's.
   */
  private async findInOrg(name: string): Promise<{ name: string; label: string } | null> {
    const connection = await this.deps.connection();
    if (!connection || connection.state !== 'connected') return null;
    let records: Record<string, unknown>[];
    try {
      const result = await connection
        .client()
        .query(
          `SELECT Id, Name, Label FROM PermissionSet WHERE Name = ${soqlString(name)} AND IsOwnedByProfile = false`,
        );
      records = result.records;
    } catch {
      throw invalidFormField(
        'permissionSet',
        `GRAX Connect could not check ${name} in ${connection.orgName} because Salesforce did not answer. Try again in a minute.`,
      );
    }
    const record = records[0];
    if (!record) {
      throw invalidFormField(
        'permissionSet',
        `${connection.orgName} has no permission set with the API name ${name}. Copy the API Name from Setup > Permission Sets.`,
      );
    }
    return { name: String(record.Name), label: String(record.Label ?? record.Name) };
  }
}
