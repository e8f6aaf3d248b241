/**
 * Helpers for the org model's tests: a world on a manual clock (created once per test file: seeding takes tens of
 * milliseconds), call contexts for the documented demo users, and small readers for save results.
 */
import type { CallContext, SaveResult } from '../../src/org/types';
import { createManualClock } from '../../src/org/clock';
import { DEMO_USERS, type AcmePersona } from '../../src/org/demoCatalog';
import { createWorld, type World } from '../../src/org/world';
import type { OrgModel } from '../../src/org/orgModel';

/** A fresh small world at 2026-01-15T09:00:00Z that tests can move forward. */
export function testWorld(): World {
  return createWorld({ clock: createManualClock('2026-01-15T09:00:00.000Z') });
}

/** The user id of an Acme Production persona. */
export function acmeUserId(world: World, persona: AcmePersona): string {
  const user = world.org('acmeProduction').findUserByUsername(DEMO_USERS.acmeProduction[persona].username);
  if (!user) throw new Error(`Persona ${persona} is not seeded.`);
  return user.Id;
}

/** A call context for an Acme Production persona (data API, v62.0 unless said otherwise). */
export function acmeCtx(world: World, persona: AcmePersona, options: Partial<CallContext> = {}): CallContext {
  return {
    orgId: world.org('acmeProduction').id,
    userId: acmeUserId(world, persona),
    apiVersion: 62,
    tooling: false,
    ...options,
  };
}

/** The id of a permission set by Name. */
export function permissionSetId(org: OrgModel, name: string): string {
  const row = org.core.store.lookupRows('PermissionSet', 'name', name.toLowerCase())[0];
  if (!row) throw new Error(`No permission set ${name}.`);
  return row.Id;
}

/** The profile-owned permission set of a profile, by profile name. */
export function profileSetId(org: OrgModel, profileName: string): string {
  const profile = [...org.core.store.rows('Profile')].find((p) => p.Name === profileName);
  const set = profile ? org.core.store.lookupRows('PermissionSet', 'profile', profile.Id)[0] : undefined;
  if (!set) throw new Error(`No profile ${profileName}.`);
  return set.Id;
}

/** The first error of a failed save, for assertions. */
export function firstError(result: SaveResult): { statusCode: string; message: string; fields: string[] } {
  expect(result.success).toBe(false);
  const error = result.errors[0];
  if (!error) throw new Error('The save failed without an error.');
  return error;
}

/** The id of a successful save. */
export function savedId(result: SaveResult): string {
  if (!result.success || !result.id) throw new Error(`Save failed: ${JSON.stringify(result.errors)}`);
  return result.id;
}
