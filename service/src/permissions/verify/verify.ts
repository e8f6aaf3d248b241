/**
 * Verify: the integration user's effective access (profile + every permission set and group, each group minus what its
 * own muting set mutes, ignoring expired assignments and session-based sets) against the profile for the chosen
 * features, plus the GRAX sets themselves and the dedicated-user checks. Field checks use aggregate counts and read
 * rows only for objects with a gap, so a correct large org costs about one describe call per 25 objects and a few
 * queries.
 */
import { addEditableCounts, editableCountSpecs, objectOfField, readFieldPermissions } from '../org/fieldGrants';
import { streamEditableFields } from '../org/fieldCatalog';
import { EffectiveObjectAccess, objectPermissionSpecs, toObjectPermissionRow } from '../org/objectGrants';
import { batchRows, readBatch } from '../../salesforce/api/compositeReader';
import { effectiveUnionOfRows, setIdsOf } from '../org/accessSources';
import type { UserAccess } from '../org/userAccess';
import { licenseConflict } from '../license';
import { applicableSystemPermissions, needsFieldEdit, objectReasons, PERMISSION_SETS, type Feature } from '../profile';
import type { RunContext } from '../run/context';
import { desiredObjectVerbs, readCatalog, readRunAccess } from '../steps/objectsStep';
import { dedicatedUserFindings, dedicatedUserQueries, type DedicatedUserOptions } from './dedicatedUser';
import {
  licenseConflictFinding,
  missingFieldEdit,
  missingFieldEditSummary,
  missingObjectAccess,
  missingSystemPermission,
  objectNotDescribable,
  setMissing,
  setNotAssigned,
  setRenamed,
  userInactive,
  type Finding,
} from './finding';

/** Verify's options. */
export interface VerifyOptions extends DedicatedUserOptions {
  /** Above this many missing fields, one finding per object instead of one per field. */
  fieldFindingLimit?: number;
}

/** What Verify found. */
export interface VerifyResult {
  findings: Finding[];
  checkedAt: string;
  features: Feature[];
  objectsChecked: number;
  fieldsChecked: number;
}

/** Runs Verify as the integration user. */
export async function runVerify(ctx: RunContext, options: VerifyOptions): Promise<VerifyResult> {
  await ctx.report('verify', { message: 'Reading the integration user and its permission sets' });
  // After a run that wrote nothing, what it read at the start is still the org's state.
  const access = ctx.cache.access && ctx.cache.writes === 0 ? ctx.cache.access : await readRunAccess(ctx);
  const findings: Finding[] = [];
  if (!access.user.isActive) findings.push(userInactive(access.user.username));
  findings.push(...setFindings(access));
  for (const rule of applicableSystemPermissions(ctx.features, access.facts)) {
    if (access.availablePermissions.has(rule.name) && !access.systemPermissions.has(rule.name))
      findings.push(missingSystemPermission(rule));
  }
  await ctx.report('verify', { message: 'Checking object access' });
  const catalog = await readCatalog(ctx);
  const fieldsNeeded = needsFieldEdit(ctx.features);
  // Object rows, field counts and the dedicated-user queries share composite calls (five queries per call). Fields
  // are counted for every visible object: a count per object does not depend on the other objects of the list.
  const visible = catalog.filter((o) => o.visible).map((o) => o.name);
  const read = await readBatch(ctx.client, {
    queries: [
      ...objectPermissionSpecs(setIdsOf(access.sources)),
      ...(fieldsNeeded ? editableCountSpecs(setIdsOf(access.sources, 'granting'), visible) : []),
      ...dedicatedUserQueries(ctx, access),
    ],
  });
  const keys = [...read.queries.keys()];
  const rows = keys.filter((k) => k.startsWith('op')).flatMap((k) => batchRows(read, k).map(toObjectPermissionRow));
  const effective = new EffectiveObjectAccess(rows, access.sources, access.systemPermissions);
  const granted = new Map<string, number>();
  for (const k of keys.filter((key) => key.startsWith('fc'))) addEditableCounts(granted, batchRows(read, k));
  const desired = desiredObjectVerbs(ctx.features, catalog);
  for (const want of desired.values()) {
    const missing = effective.missing(want.object, want.verbs);
    if (missing.length > 0)
      findings.push(missingObjectAccess(want.object, missing, objectReasons(ctx.features, missing)));
  }
  let fieldsChecked = 0;
  if (fieldsNeeded) {
    await ctx.report('verify', { message: 'Checking field access' });
    const readable = catalog.filter((o) => o.visible && effective.has(o.name, 'Read')).map((o) => o.name);
    const fieldResult = await fieldFindings(ctx, access, readable, granted, options.fieldFindingLimit ?? 500);
    findings.push(...fieldResult.findings);
    fieldsChecked = fieldResult.checked;
  }
  findings.push(...(await dedicatedUserFindings(ctx, access, options, read)));
  return {
    findings,
    checkedAt: ctx.now().toISOString(),
    features: [...ctx.features],
    objectsChecked: desired.size,
    fieldsChecked,
  };
}

function setFindings(access: UserAccess): Finding[] {
  const findings: Finding[] = [];
  for (const role of ['template', 'access'] as const) {
    const set = access.grax[role];
    const renamed = access.renamed[role];
    if (!set) {
      findings.push(renamed ? setRenamed(role, renamed.name) : setMissing(role));
      continue;
    }
    const conflict = licenseConflict(set, access);
    if (conflict) findings.push(licenseConflictFinding(PERMISSION_SETS[role].label, conflict));
    if (access.graxGranted[role]) continue;
    const direct = access.graxAssignments[role];
    const ignored = access.ignored.find((i) => i.assignment.id === direct?.id);
    findings.push(setNotAssigned(role, access.user.username, ignored?.reason ?? 'missing'));
  }
  return findings;
}

/**
 * Fields restore cannot write back. Objects whose granted count (distinct editable fields over the granting sets)
 * reaches the fields restore needs are complete; only objects with a gap, or touched by a muting set, are read in
 * detail, and their rows go through the per-group muting rule (a field muted in one group may be granted elsewhere).
 */
async function fieldFindings(
  ctx: RunContext,
  access: UserAccess,
  objects: string[],
  granted: ReadonlyMap<string, number>,
  limit: number,
): Promise<{ findings: Finding[]; checked: number }> {
  const granting = setIdsOf(access.sources, 'granting');
  const muting = setIdsOf(access.sources, 'muting');
  const muted = muting.length > 0 ? await readFieldPermissions(ctx.client, muting, objects, { editOnly: true }) : [];
  const mutedObjects = new Set(muted.map((r) => objectOfField(r.field).toLowerCase()));
  const cached = ctx.cache.editableCounts;
  const suspects = cached
    ? objects.filter(
        (o) =>
          (granted.get(o.toLowerCase()) ?? 0) < (cached.get(o.toLowerCase()) ?? 0) || mutedObjects.has(o.toLowerCase()),
      )
    : objects;
  const gaps = new Map<string, string[]>();
  let checked = 0;
  const { failed } = await streamEditableFields(ctx.client, suspects, (object, fields) => {
    checked += fields.length;
    const key = object.toLowerCase();
    if ((granted.get(key) ?? 0) < fields.length || mutedObjects.has(key)) gaps.set(object, fields);
  });
  if (cached) checked = [...cached.values()].reduce((a, b) => a + b, 0);
  const findings: Finding[] = failed.map((f) => objectNotDescribable(f.object, f.message));
  if (gaps.size === 0) return { findings, checked };
  const rows = await readFieldPermissions(ctx.client, granting, [...gaps.keys()], { editOnly: true });
  const editable = effectiveUnionOfRows(access.sources, [...rows, ...muted], (r) => [r.field.toLowerCase()]);
  const missingByObject = new Map<string, string[]>();
  for (const [object, fields] of gaps) {
    const missing = fields.map((f) => `${object}.${f}`).filter((f) => !editable.has(f.toLowerCase()));
    if (missing.length > 0) missingByObject.set(object, missing);
  }
  const total = [...missingByObject.values()].reduce((n, m) => n + m.length, 0);
  for (const [object, missing] of missingByObject) {
    if (total <= limit) findings.push(...missing.map(missingFieldEdit));
    else findings.push(missingFieldEditSummary(object, missing));
  }
  return { findings, checked };
}
