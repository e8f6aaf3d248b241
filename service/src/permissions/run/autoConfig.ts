/**
 * Auto Config and Auto Fix: plan -> apply -> verify over the steps sets, objects, fields (and, for Auto Config, the
 * link key). Every step re-reads the org's real state and writes only the difference, so a second run writes nothing
 * and a run interrupted by a crash or a Salesforce error continues where it stopped: completed steps are skipped on
 * resume (from the job's checkpoints) and the interrupted one re-plans from what the org holds now. The result counts
 * what every attempt wrote: a finished step's writes are kept in its checkpoint, and the record writer adds each row
 * it writes (or an earlier attempt's bulk job wrote) to the interrupted step's.
 */
import { applyFields, planFields } from '../steps/fieldsStep';
import { applyLinkKey, type LinkKeyOutcome, type LinkKeyProvider } from '../steps/linkKeyStep';
import { applyObjects, planObjects } from '../steps/objectsStep';
import { applySets, planSets, setsPlanWriteCount } from '../steps/setsStep';
import { runVerify, type VerifyOptions, type VerifyResult } from '../verify/verify';
import type { ItemFailure } from './adminErrors';
import type { DependencyAddition, RunContext } from './context';
import { writtenSoFar } from './recordWriter';

/** What an Auto Config or Auto Fix run did. */
export interface ApplyResult {
  /** Records written (sets, assignments, object and field rows, link key). */
  writes: number;
  steps: { name: string; writes: number; skipped?: boolean }[];
  linkKey: LinkKeyOutcome;
  failures: ItemFailure[];
  /** Permissions added because Salesforce requires them (not listed in the org's PermissionDependency rows). */
  dependencyAdditions: DependencyAddition[];
  verify: VerifyResult;
}

/** Options of an apply run. */
export interface ApplyOptions {
  verify: VerifyOptions;
  /** Auto Config passes it; Auto Fix never writes the link key. */
  linkKeyProvider?: LinkKeyProvider;
}

/** Runs the apply steps and the final Verify. */
export async function runApply(ctx: RunContext, options: ApplyOptions): Promise<ApplyResult> {
  const steps: ApplyResult['steps'] = [];
  const accessId = await setsStep(ctx, steps);
  if (accessId) {
    await runStep(ctx, steps, 'objects', async () => {
      await ctx.report('objects', { message: 'Checking object access' });
      return applyObjects(ctx, accessId, await planObjects(ctx, accessId));
    });
    await runStep(ctx, steps, 'fields', async () => {
      await ctx.report('fields', { message: 'Checking field access' });
      return applyFields(ctx, accessId, await planFields(ctx, accessId));
    });
  }

  let linkKey: LinkKeyOutcome = 'notRequested';
  if (options.linkKeyProvider) {
    const done = ctx.checkpoint('linkKey');
    if (done?.done === true) {
      // An earlier attempt stored the key: this one would find it and report it unchanged.
      linkKey = done.outcome === 'written' ? 'written' : 'unchanged';
      steps.push({ name: 'linkKey', writes: checkpointedWrites(done), skipped: true });
    } else {
      linkKey = await applyLinkKey(ctx, options.linkKeyProvider);
      const writes = linkKey === 'written' ? 1 : 0;
      steps.push({ name: 'linkKey', writes });
      if (linkKey === 'written') await ctx.saveCheckpoint('linkKey', { done: true, writes, outcome: linkKey });
    }
  }

  const writes = steps.reduce((n, step) => n + step.writes, 0);
  ctx.cache.writes = writes;
  const verify = await runVerify(ctx, options.verify);
  return {
    writes,
    steps,
    linkKey,
    failures: ctx.failures,
    dependencyAdditions: ctx.cache.dependencyAdditions ?? [],
    verify,
  };
}

/** The sets step (skipped when an earlier attempt finished it); returns the id of the Access set, if it exists. */
async function setsStep(ctx: RunContext, steps: ApplyResult['steps']): Promise<string | undefined> {
  const done = ctx.checkpoint('sets');
  if (done?.done === true) {
    steps.push({ name: 'sets', writes: checkpointedWrites(done), skipped: true });
    return typeof done.accessId === 'string' ? done.accessId : undefined;
  }
  await ctx.report('sets', { message: 'Reading the GRAX permission sets' });
  const plan = await planSets(ctx);
  const ids = await applySets(ctx, plan);
  const writes = setsPlanWriteCount(plan);
  steps.push({ name: 'sets', writes });
  await ctx.saveCheckpoint('sets', { done: true, accessId: ids.access ?? null, writes });
  return ids.access;
}

/** What a step finished by an earlier attempt wrote (kept in its checkpoint). */
function checkpointedWrites(done: { writes?: unknown }): number {
  return typeof done.writes === 'number' ? done.writes : 0;
}

/** Runs a step unless an earlier attempt finished it, and records its writes. */
async function runStep(
  ctx: RunContext,
  steps: ApplyResult['steps'],
  name: string,
  body: () => Promise<number>,
): Promise<void> {
  const done = ctx.checkpoint(name);
  if (done?.done === true) {
    steps.push({ name, writes: checkpointedWrites(done), skipped: true });
    return;
  }
  const thisAttempt = await body();
  // The writer counted this attempt's rows in the checkpoint too, with those of earlier attempts of the step.
  const writes = Math.max(thisAttempt, writtenSoFar(ctx, name));
  steps.push({ name, writes });
  await ctx.saveCheckpoint(name, { done: true, writes });
}
