/**
 * Step 1 of Auto Config: the two GRAX permission sets and their assignment to the integration user.
 * - GRAX_Integration_User (the template): created with the template's system permissions when the org does not have
 *   it (the package does not carry it: an install would drop its system permissions, ADR 11); verified, never
 *   rewritten, when it exists (the admin deployed it, or an older package version created it, possibly empty).
 * - GRAX_Integration_User_Access: carries the system permissions the template does not provide here (conditional
 *   ones such as Set Audit Fields, or ones an older template lacks), besides the object and field access of later steps.
 * Each set's permissions are expanded with the org's PermissionDependency rows, because Salesforce validates
 * dependencies within each set, and with what Salesforce required in earlier runs without listing it. All writes go in
 * one composite call, assignments referring to new sets by reference. When Salesforce still refuses a set for missing
 * requirements ("Permission Modify All Data depends on permission(s): ..."), the step adds them and saves that set
 * (and its assignment) again, for at most MAX_LEARNING_ROUNDS more calls.
 */
import { subresponseError } from '../../salesforce/apiClient';
import type { CompositeSubrequest } from '../../salesforce/api/types';
import { chooseLicense, licenseConflict, type LicenseChoice } from '../license';
import { readDependencies } from '../org/dependencyReader';
import type { PermissionSetInfo, UserAccess } from '../org/userAccess';
import type { DependencyGraph } from '../dependencies';
import {
  applicableSystemPermissions,
  PERMISSION_SETS,
  templateSystemPermissions,
  type Feature,
  type SetRole,
} from '../profile';
import { describeFailure, NEEDS_ADMIN_USER, RunRefusal, type ItemFailure } from '../run/adminErrors';
import {
  isDependencyRefusal,
  knownRequirementsOf,
  mapClauses,
  mergeRequirements,
  parseDependencyMessage,
  requirementReason,
  unknownRequirementRefusal,
  type LearnedRequirement,
} from '../learnedDependencies';
import type { RunContext } from '../run/context';
import { readRunAccess } from './objectsStep';

/** What happens to one GRAX set. */
export interface SetPlan {
  role: SetRole;
  name: string;
  label: string;
  action: 'create' | 'addPermissions' | 'none' | 'blocked';
  existingId: string | null;
  /** Permissions to enable (dependency closure included), API names without `Permissions`. */
  addPermissions: string[];
  /** Those of addPermissions that Salesforce requires without listing them (learnt now or in an earlier run). */
  required: LearnedRequirement[];
  license: LicenseChoice | null;
}

/** What happens to one assignment. */
export interface AssignmentPlan {
  role: SetRole;
  action: 'create' | 'reactivate' | 'none' | 'blocked';
  assignmentId: string | null;
}

/** The plan of the sets step. */
export interface SetsPlan {
  sets: SetPlan[];
  assignments: AssignmentPlan[];
  /** Items that cannot be written (renamed set, license conflict), in the admin's words. */
  blocked: ItemFailure[];
}

const ROLES: readonly SetRole[] = ['template', 'access'];

/** Reads the org and computes the sets step's changes. */
export async function planSets(ctx: RunContext): Promise<SetsPlan> {
  const access = await readRunAccess(ctx);
  const graph = needsUserDependencies(ctx.features, access)
    ? await readDependencies(ctx.client, 'User Permission')
    : undefined;
  return decideSets(ctx.features, access, graph, ctx.knownRequirements);
}

/** System permissions each set should hold: the template's (existing, or the profile's when absent), the rest in Access. */
function wantedPermissions(features: readonly Feature[], access: UserAccess): Record<SetRole, string[]> {
  const available = (names: string[]): string[] => names.filter((n) => access.availablePermissions.has(n));
  const template = access.grax.template;
  const templateHas = template ? [...template.permissions] : available(templateSystemPermissions().map((r) => r.name));
  const wanted = available(applicableSystemPermissions(features, access.facts).map((r) => r.name));
  return { template: templateHas, access: wanted.filter((n) => !templateHas.includes(n)) };
}

/** Whether a set must be created or widened, so the org's dependency rows must be read first. */
export function needsUserDependencies(features: readonly Feature[], access: UserAccess): boolean {
  const wanted = wantedPermissions(features, access);
  return ROLES.some((role) => {
    const existing = access.grax[role];
    if (role === 'template' && existing) return false;
    return !existing || wanted[role].some((p) => !existing.permissions.has(p));
  });
}

/** Decides the sets step's changes from what was read (pure). */
export function decideSets(
  features: readonly Feature[],
  access: UserAccess,
  graph: DependencyGraph | undefined,
  known: readonly LearnedRequirement[] = [],
): SetsPlan {
  const blocked: ItemFailure[] = [];
  const license = chooseLicense(access);
  const current: Record<SetRole, PermissionSetInfo | undefined> = access.grax;
  const wantedByRole = wantedPermissions(features, access);
  const sets = ROLES.map<SetPlan>((role) => {
    const def = PERMISSION_SETS[role];
    const existing = current[role];
    const renamed = access.renamed[role];
    const base = {
      role,
      name: def.name,
      label: def.label,
      existingId: existing?.id ?? null,
      addPermissions: [] as string[],
      required: [] as LearnedRequirement[],
      license: null,
    };
    if (!existing && renamed) {
      blocked.push({
        item: `Permission set ${def.label}`,
        errorCode: 'PERMISSION_SET_RENAMED',
        message: `The permission set ${def.label} was renamed: its API name is now ${renamed.name} instead of ${def.name}.`,
        nextStep: `In Setup > Permission Sets > ${renamed.label} > Edit, set the API name back to ${def.name}, then run Auto Config again.`,
      });
      return { ...base, action: 'blocked' };
    }
    if (existing) {
      const conflict = licenseConflict(existing, access);
      if (conflict) {
        blocked.push({
          item: `Permission set ${def.label}`,
          errorCode: 'LICENSE_CONFLICT',
          message: conflict,
          nextStep: `Delete ${def.name} in Setup > Permission Sets (GRAX re-creates it with a fitting license), or give ${access.user.username} that license; then run Auto Config again.`,
        });
        return { ...base, action: 'blocked' };
      }
      if (role === 'template') return { ...base, action: 'none' };
    }
    const missing = wantedByRole[role].filter((p) => !existing?.permissions.has(p));
    if (existing && missing.length === 0) return { ...base, action: 'none' };
    const closure = graph
      ? graph.userPermissionClosure([...(existing?.permissions ?? []), ...wantedByRole[role]]).user
      : wantedByRole[role];
    const add = closure.filter((p) => access.availablePermissions.has(p) && !existing?.permissions.has(p));
    const required = knownRequirementsOf(closure, known).filter(
      (r) => access.availablePermissions.has(r.name) && !existing?.permissions.has(r.name) && !add.includes(r.name),
    );
    return {
      ...base,
      action: existing ? 'addPermissions' : 'create',
      addPermissions: [...add, ...required.map((r) => r.name)],
      required,
      license: existing ? null : license,
    };
  });
  const assignments = ROLES.map<AssignmentPlan>((role) => {
    const set = sets.find((s) => s.role === role);
    const direct = access.graxAssignments[role];
    if (!set || set.action === 'blocked') return { role, action: 'blocked', assignmentId: null };
    if (access.graxGranted[role]) return { role, action: 'none', assignmentId: direct?.id ?? null };
    if (direct) return { role, action: 'reactivate', assignmentId: direct.id };
    return { role, action: 'create', assignmentId: null };
  });
  if (license.missingPermissionSetLicense && sets.some((s) => s.action === 'create')) {
    blocked.push({
      item: `Permission set license ${license.missingPermissionSetLicense.label}`,
      errorCode: 'LICENSE_MISSING',
      message: `${access.user.username} has the Salesforce Integration license and needs the permission set license ${license.missingPermissionSetLicense.label} before GRAX permission sets can be assigned.`,
      nextStep: `Assign ${license.missingPermissionSetLicense.label} to ${access.user.username} in Setup > Users > Permission Set License Assignments, then run Auto Config again.`,
    });
  }
  return { sets, assignments, blocked };
}

const writesSet = (s: SetPlan): boolean => s.action === 'create' || s.action === 'addPermissions';
const writesAssignment = (a: AssignmentPlan): boolean => a.action === 'create' || a.action === 'reactivate';

/** Records the plan writes: sets created or widened, assignments created or reactivated. */
export function setsPlanWriteCount(plan: SetsPlan): number {
  return plan.sets.filter(writesSet).length + plan.assignments.filter(writesAssignment).length;
}

/** Refuses before any write when the connected user lacks the rights the plan needs (nothing is half-written). */
export function assertCanWrite(access: UserAccess, needs: { manageSets: boolean; assign: boolean }): void {
  const missing: string[] = [];
  if (needs.manageSets && !access.systemPermissions.has('ManageProfilesPermissionsets'))
    missing.push('Manage Profiles and Permission Sets');
  if (needs.assign && !access.systemPermissions.has('AssignPermissionSets')) missing.push('Assign Permission Sets');
  if (missing.length === 0) return;
  throw new RunRefusal(
    'NOT_PERMITTED',
    `Auto Config changed nothing: the connected user ${access.user.username} does not have ${missing.join(' or ')}, so it cannot create and assign the GRAX permission sets.`,
    [NEEDS_ADMIN_USER],
  );
}

/** At most this many extra saves of a set Salesforce refused for requirements it did not list. */
export const MAX_LEARNING_ROUNDS = 3;

/**
 * Applies the sets step in one composite call (plus one per round of requirements Salesforce names); returns the ids
 * of both sets (existing or new).
 */
export async function applySets(ctx: RunContext, plan: SetsPlan): Promise<Partial<Record<SetRole, string>>> {
  const ids: Partial<Record<SetRole, string>> = {};
  for (const s of plan.sets) if (s.existingId) ids[s.role] = s.existingId;
  ctx.failures.push(...plan.blocked);
  if (setsPlanWriteCount(plan) === 0) return ids;
  const access = ctx.cache.access;
  if (access) {
    assertCanWrite(access, { manageSets: plan.sets.some(writesSet), assign: plan.assignments.some(writesAssignment) });
  }
  let sets = plan.sets.filter(writesSet);
  let assignments = plan.assignments.filter(writesAssignment);
  const written = new Set<SetRole>();
  await ctx.report('sets', { message: 'Creating and assigning the GRAX permission sets' });
  for (let round = 0; sets.length + assignments.length > 0; round++) {
    const responses = await ctx.client.composite(setsSubrequests(ctx, plan, sets, assignments), { allOrNone: false });
    const retry: SetPlan[] = [];
    const halted = new Set<SetRole>();
    for (const sub of responses) {
      const [kind, role] = sub.referenceId.split('_') as ['set' | 'assign', SetRole];
      const set = plan.sets.find((s) => s.role === role);
      if (sub.httpStatusCode < 400) {
        const body = sub.body as { id?: string } | null;
        if (kind === 'set') {
          if (body?.id) ids[role] = body.id;
          if (body?.id && set?.action === 'create') (ctx.cache.createdSets ??= new Set()).add(body.id);
          written.add(role);
        }
        continue;
      }
      const error = subresponseError(sub);
      // A subrequest that only failed because the one it refers to failed adds nothing the admin can act on.
      if (error.errorCode === 'PROCESSING_HALTED' || /reference/i.test(error.message)) {
        halted.add(role);
        continue;
      }
      if (kind === 'set' && set && isDependencyRefusal(error.errorCode, error.message) && round < MAX_LEARNING_ROUNDS) {
        if (learnRequirements(ctx, set, error.message)) {
          retry.push(set);
          continue;
        }
      }
      const label = PERMISSION_SETS[role].label;
      const item = kind === 'set' ? `Permission set ${label}` : `Assignment of ${label} to ${ctx.connection.username}`;
      const failureKind = kind === 'assign' ? 'assign' : set?.action === 'create' ? 'createSet' : 'updateSet';
      ctx.failures.push(describeFailure(item, failureKind, error.errorCode, error.message));
    }
    sets = retry;
    assignments = plan.assignments.filter(
      (a) => writesAssignment(a) && halted.has(a.role) && retry.some((s) => s.role === a.role),
    );
    if (retry.length > 0) await ctx.report('sets', { message: 'Adding the permissions Salesforce requires' });
  }
  const additions = plan.sets
    .filter((s) => written.has(s.role))
    .flatMap((s) =>
      s.required.map((r) => ({ set: s.label, name: r.name, label: r.label, reason: requirementReason(r) })),
    );
  ctx.cache.dependencyAdditions = [...(ctx.cache.dependencyAdditions ?? []), ...additions];
  return ids;
}

/** The composite subrequests that save `sets` and `assignments` (a new set's assignment refers to it). */
function setsSubrequests(
  ctx: RunContext,
  plan: SetsPlan,
  sets: readonly SetPlan[],
  assignments: readonly AssignmentPlan[],
): CompositeSubrequest[] {
  const subrequests: CompositeSubrequest[] = [];
  const path = ctx.client.dataPath;
  for (const s of sets) {
    const flags = Object.fromEntries(s.addPermissions.map((p) => [`Permissions${p}`, true]));
    if (s.action === 'create') {
      const def = PERMISSION_SETS[s.role];
      subrequests.push({
        method: 'POST',
        url: `${path}/sobjects/PermissionSet`,
        referenceId: `set_${s.role}`,
        body: {
          Name: def.name,
          Label: def.label,
          Description: def.description,
          LicenseId: s.license?.licenseId ?? null,
          ...flags,
        },
      });
    } else if (s.action === 'addPermissions' && s.existingId) {
      subrequests.push({
        method: 'PATCH',
        url: `${path}/sobjects/PermissionSet/${s.existingId}`,
        referenceId: `set_${s.role}`,
        body: flags,
      });
    }
  }
  for (const a of assignments) {
    const set = plan.sets.find((s) => s.role === a.role);
    if (a.action === 'create') {
      const setId = set?.existingId ?? `@{set_${a.role}.id}`;
      subrequests.push({
        method: 'POST',
        url: `${path}/sobjects/PermissionSetAssignment`,
        referenceId: `assign_${a.role}`,
        body: { AssigneeId: ctx.connection.userId, PermissionSetId: setId },
      });
    } else if (a.action === 'reactivate' && a.assignmentId) {
      subrequests.push({
        method: 'PATCH',
        url: `${path}/sobjects/PermissionSetAssignment/${a.assignmentId}`,
        referenceId: `assign_${a.role}`,
        body: { ExpirationDate: null },
      });
    }
  }
  return subrequests;
}

/**
 * Adds to `set` what Salesforce's refusal names and the set lacks; true when something was added (saving again can
 * succeed). A label no PermissionSet field carries stops the run with the admin's next step.
 */
function learnRequirements(ctx: RunContext, set: SetPlan, message: string): boolean {
  const labels = ctx.cache.access?.permissionLabels ?? new Map<string, string>();
  const mapping = mapClauses(parseDependencyMessage(message), labels);
  if (!mapping.ok) throw unknownRequirementRefusal(set.label, mapping.unknown, message);
  const existing = set.existingId ? ctx.cache.access?.sets.get(set.existingId) : undefined;
  const fresh = mapping.requirements.filter(
    (r, i, all) =>
      !set.addPermissions.includes(r.name) &&
      !existing?.permissions.has(r.name) &&
      all.findIndex((o) => o.name === r.name) === i,
  );
  ctx.cache.learnt = mergeRequirements(ctx.cache.learnt ?? [], mapping.requirements);
  set.addPermissions.push(...fresh.map((r) => r.name));
  set.required.push(...fresh);
  return fresh.length > 0;
}
