/**
 * Auto Config and Auto Fix: plan -> apply -> verify over the steps sets, objects, fields (and, for Auto Config, the
 * link key). Every step re-reads the org's real state and writes only the difference, so a second run writes nothing
 * and a run interrupted by a crash or a Salesforce error continues where it stopped: completed steps are skipped on
 * resume (from the job's checkpoints) and the interrupted one re-plans from what the org holds now.
 */
import { applyFields, planFields, type FieldsPlan } from '../steps/fieldsStep';
import { applyLinkKey, type LinkKeyOutcome, type LinkKeyProvider } from '../steps/linkKeyStep';
import { applyObjects, planObjects, type ObjectsPlan } from '../steps/objectsStep';
import { applySets, planSets, setsPlanWrites, type SetsPlan } from '../steps/setsStep';
import { runVerify, type VerifyOptions, type VerifyResult } from '../verify/verify';
import type { ItemFailure } from './adminErrors';
import type { RunContext } from './context';

/** What an Auto Config or Auto Fix run did. */
export interface ApplyResult {
  /** Records written (sets, assignments, object and field rows, link key). */
  writes: number;
  steps: { name: string; writes: number; skipped?: boolean }[];
  linkKey: LinkKeyOutcome;
  failures: ItemFailure[];
  verify: VerifyResult;
}

/** Options of an apply run. */
export interface ApplyOptions {
  verify: VerifyOptions;
  /** Auto Config passes it; Auto Fix never writes the link key. */
  linkKeyProvider?: LinkKeyProvider;
}

function setsWrites(plan: SetsPlan): number {
  return (
    plan.sets.filter((s) => s.action === 'create' || s.action === 'addPermissions').length +
    plan.assignments.filter((a) => a.action === 'create' || a.action === 'reactivate').length
  );
}

/** Runs the apply steps and the final Verify. */
export async function runApply(ctx: RunContext, options: ApplyOptions): Promise<ApplyResult> {
  const steps: ApplyResult['steps'] = [];
  let writes = 0;

  const setsDone = ctx.checkpoint('sets');
  let templateId = typeof setsDone?.templateId === 'string' ? setsDone.templateId : undefined;
  let accessId = typeof setsDone?.accessId === 'string' ? setsDone.accessId : undefined;
  if (setsDone?.done === true) {
    steps.push({ name: 'sets', writes: 0, skipped: true });
  } else {
    await ctx.report('sets', { message: 'Reading the GRAX permission sets' });
    const plan = await planSets(ctx);
    const ids = await applySets(ctx, plan);
    templateId = ids.template;
    accessId = ids.access;
    const n = setsPlanWrites(plan) ? setsWrites(plan) : 0;
    writes += n;
    steps.push({ name: 'sets', writes: n });
    await ctx.saveCheckpoint('sets', { done: true, templateId: templateId ?? null, accessId: accessId ?? null });
  }

  if (accessId) {
    writes += await runStep(ctx, steps, 'objects', async () => {
      await ctx.report('objects', { message: 'Checking object access' });
      const plan: ObjectsPlan = await planObjects(ctx, accessId);
      return plan.changes.length > 0 && accessId ? applyObjects(ctx, accessId, plan) : 0;
    });
    writes += await runStep(ctx, steps, 'fields', async () => {
      await ctx.report('fields', { message: 'Checking field access' });
      const plan: FieldsPlan = await planFields(ctx, accessId);
      return plan.changes.length > 0 && accessId ? applyFields(ctx, accessId, plan) : 0;
    });
  }

  let linkKey: LinkKeyOutcome = 'notRequested';
  if (options.linkKeyProvider) {
    linkKey = await applyLinkKey(ctx, options.linkKeyProvider);
    if (linkKey === 'written') writes++;
    steps.push({ name: 'linkKey', writes: linkKey === 'written' ? 1 : 0 });
  }

  ctx.cache.writes = writes;
  const verify = await runVerify(ctx, options.verify);
  return { writes, steps, linkKey, failures: ctx.failures, verify };
}

async function runStep(
  ctx: RunContext,
  steps: ApplyResult['steps'],
  name: string,
  body: () => Promise<number>,
): Promise<number> {
  if (ctx.checkpoint(name)?.done === true) {
    steps.push({ name, writes: 0, skipped: true });
    return 0;
  }
  const n = await body();
  steps.push({ name, writes: n });
  await ctx.saveCheckpoint(name, { done: true });
  return n;
}
