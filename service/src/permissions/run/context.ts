/**
 * What every step of a permission run shares: the API client, the connection, the chosen features, progress and
 * checkpoint reporting (so a crashed run resumes from the store), and a per-run cache so that the final Verify does
 * not describe the org a second time.
 */
import type { SalesforceApiError, SalesforceClient } from '../../salesforce/apiClient';
import type { DescribeSObjectResult } from '../../salesforce/api/types';
import type { PollOptions } from '../../salesforce/api/bulkIngest';
import type { PermissionConnection } from '../connection';
import type { CatalogObject } from '../org/objectCatalog';
import type { UserAccess } from '../org/userAccess';
import type { Feature } from '../profile';
import type { ItemFailure } from './adminErrors';
import type { LearnedRequirement } from '../learnedDependencies';

/** A permission a run added because Salesforce requires it for another one, with the reason an admin reads. */
export interface DependencyAddition {
  /** Label of the permission set it was added to. */
  set: string;
  name: string;
  label: string;
  reason: string;
}

/** JSON a step may checkpoint. */
export type Checkpoint = Record<string, string | number | boolean | null>;

/** Facts learnt during a run that later steps reuse. */
export interface RunCache {
  access?: UserAccess;
  catalog?: CatalogObject[];
  /** Fields restore needs edit on, per lower-case object name (learnt from describes). */
  editableCounts?: Map<string, number>;
  /** ObjectPermissions' describe (its SobjectType picklist lists the objects that take object permissions). */
  objectPermissionsDescribe?: DescribeSObjectResult | SalesforceApiError;
  /** Records this run wrote so far (0: what was read at the start still holds). */
  writes?: number;
  /**
   * Permission sets this attempt created: a set created moments ago has no object or field permission rows, so the
   * later steps of the same attempt skip reading them (a resumed attempt reads them again).
   */
  createdSets?: Set<string>;
  /** Objects whose describe failed (invisible to the integration user). */
  undescribable?: { object: string; message: string }[];
  /** Requirements Salesforce named in this run's refusals (to remember for the org). */
  learnt?: LearnedRequirement[];
  /** Permissions written because Salesforce requires them, with the reason. */
  dependencyAdditions?: DependencyAddition[];
}

/** The run's shared context. */
export interface RunContext {
  client: SalesforceClient;
  connection: PermissionConnection;
  features: readonly Feature[];
  now(): Date;
  /** Progress of the current step, for the job record and the web app. */
  report(step: string, progress: { done?: number; total?: number; message?: string }): Promise<void>;
  /** Checkpoint data of a step from an earlier attempt of the same job (resume), if any. */
  checkpoint(step: string): Checkpoint | undefined;
  /** Records checkpoint data of a step (persisted before the action it protects). */
  saveCheckpoint(step: string, data: Checkpoint): Promise<void>;
  cache: RunCache;
  /** Requirements Salesforce named in earlier runs on this org (not listed in its PermissionDependency rows). */
  knownRequirements: readonly LearnedRequirement[];
  /** Per-item failures collected across steps. */
  failures: ItemFailure[];
  /** Bulk job polling (tests shorten it). */
  bulkPoll?: PollOptions;
  /** Records more than this go through Bulk API 2.0 instead of sObject Collections. */
  bulkThreshold: number;
}
