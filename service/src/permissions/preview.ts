/**
 * Preview changes: what Auto Config would create, change and assign in this org right now, computed from the org's
 * real state by the same planning code that applies, without writing anything. Large plans are summarised (counts
 * per object and the first items) so the page stays readable on a 2,000-object org.
 */
import { PERMISSION_SETS, findSystemPermissionRule } from './profile';
import type { ItemFailure } from './run/adminErrors';
import { requirementReason } from './learnedDependencies';
import type { RunContext } from './run/context';
import { fieldChangesByObject, fieldCreateCount, planFields } from './steps/fieldsStep';
import { planObjects, type ObjectChange } from './steps/objectsStep';
import { planSets, setsPlanWriteCount } from './steps/setsStep';

/** What Preview changes shows. */
export interface PlanPreview {
  sets: {
    name: string;
    label: string;
    action: string;
    license: string | null;
    /** `reason` when Salesforce requires it for another permission without listing it (learnt in an earlier run). */
    addPermissions: { name: string; label: string; reason?: string }[];
  }[];
  assignments: { set: string; action: string }[];
  objects: { covered: number; create: number; update: number; invisible: number; items: ObjectChange[] };
  fields: { needed: boolean; create: number; update: number; byObject: { object: string; count: number }[] };
  blocked: ItemFailure[];
  /** Records Auto Config would write. */
  writes: number;
  /** API calls the preview cost. */
  apiCalls: number;
}

/** Items listed per section; the rest are counted. */
const LISTED = 50;

/** Computes the preview. */
export async function previewAutoConfig(ctx: RunContext): Promise<PlanPreview> {
  const before = ctx.client.calls;
  const sets = await planSets(ctx);
  const accessId = sets.sets.find((s) => s.role === 'access')?.existingId ?? undefined;
  const objects = await planObjects(ctx, accessId);
  const fields = await planFields(ctx, accessId);
  const perObject = fieldChangesByObject(fields);
  const fieldCreates = fieldCreateCount(fields);
  return {
    sets: sets.sets.map((s) => ({
      name: s.name,
      label: s.label,
      action: s.action,
      license: s.license?.label ?? null,
      addPermissions: s.addPermissions.map((p) => {
        const required = s.required.find((r) => r.name === p);
        return required
          ? { name: p, label: required.label, reason: requirementReason(required) }
          : { name: p, label: findSystemPermissionRule(p)?.label ?? p };
      }),
    })),
    assignments: sets.assignments.map((a) => ({ set: PERMISSION_SETS[a.role].label, action: a.action })),
    objects: {
      covered: objects.covered,
      create: objects.changes.filter((c) => c.action === 'create').length,
      update: objects.changes.filter((c) => c.action === 'update').length,
      invisible: objects.invisible,
      items: objects.changes.slice(0, LISTED),
    },
    fields: {
      needed: fields.needed,
      create: fieldCreates,
      update: fields.updates.length,
      byObject: [...perObject]
        .sort((a, b) => b[1] - a[1])
        .slice(0, LISTED)
        .map(([object, count]) => ({ object, count })),
    },
    blocked: sets.blocked,
    writes: setsPlanWriteCount(sets) + objects.changes.length + fieldCreates + fields.updates.length,
    apiCalls: ctx.client.calls - before,
  };
}
