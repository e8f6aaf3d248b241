/**
 * Builds a RunContext from plain callbacks: the jobs layer persists progress and checkpoints through them, while
 * previews and tests keep them in memory.
 */
import type { SalesforceClient } from '../../salesforce/apiClient';
import type { PollOptions } from '../../salesforce/api/bulkIngest';
import type { PermissionConnection } from '../connection';
import type { Feature } from '../profile';
import type { Checkpoint, RunContext } from './context';
import type { LearnedRequirement } from '../learnedDependencies';

/** Above this many rows a write goes through Bulk API 2.0: 3 composite calls cost as much as a small bulk job. */
const DEFAULT_BULK_THRESHOLD = 3000;

/** Inputs of a run context. */
export interface RunContextInput {
  client: SalesforceClient;
  connection: PermissionConnection;
  features: readonly Feature[];
  now?: () => Date;
  /** Checkpoints of an earlier attempt of the same job. */
  checkpoints?: ReadonlyMap<string, Checkpoint>;
  onProgress?: (step: string, progress: { done?: number; total?: number; message?: string }) => Promise<void>;
  onCheckpoint?: (step: string, data: Checkpoint, all: ReadonlyMap<string, Checkpoint>) => Promise<void>;
  bulkThreshold?: number;
  bulkPoll?: PollOptions;
  /** Requirements learnt by earlier runs on this org. */
  knownRequirements?: readonly LearnedRequirement[];
}

/** A run context; checkpoints of a step are merged, so a bulk job id and a done flag can live side by side. */
export function createRunContext(input: RunContextInput): RunContext {
  const checkpoints = new Map(input.checkpoints ?? []);
  return {
    client: input.client,
    connection: input.connection,
    features: input.features,
    now: input.now ?? (() => new Date()),
    report: async (step, progress) => {
      await input.onProgress?.(step, progress);
    },
    checkpoint: (step) => checkpoints.get(step),
    saveCheckpoint: async (step, data) => {
      checkpoints.set(step, { ...checkpoints.get(step), ...data });
      await input.onCheckpoint?.(step, checkpoints.get(step) ?? data, checkpoints);
    },
    cache: {},
    knownRequirements: input.knownRequirements ?? [],
    failures: [],
    bulkPoll: input.bulkPoll,
    bulkThreshold: input.bulkThreshold ?? DEFAULT_BULK_THRESHOLD,
  };
}
