/**
 * What the job handlers need from the engine, assembled once by createPermissionEngine (kept apart so handlers can be
 * read without the facade).
 */
import type { Clock } from '../clock';
import type { AlertSender } from '../monitoring/alertSender';
import type { PollOptions } from '../salesforce/api/bulkIngest';
import type { LimitInfo } from '../salesforce/api/limitInfo';
import type { Store } from '../store/types';
import type { Actor } from '../domain/actor';
import type { JobKind } from '../domain/jobs';
import type { ClientOptions, PermissionConnection } from './connection';
import type { PermissionStatusStore } from './status';
import type { LearnedDependencyStore } from './learnedDependencies';
import type { LinkKeyProvider } from './steps/linkKeyStep';
import type { VerifyOptions } from './verify/verify';

/** Internal dependencies of the job handlers. */
export interface EngineDeps {
  store: Pick<Store, 'jobs' | 'audit' | 'settings' | 'apiCalls' | 'locks'>;
  status: PermissionStatusStore;
  /** Requirements Salesforce named in earlier runs, per org. */
  learnedDependencies: LearnedDependencyStore;
  clock: Clock;
  clientOptions: ClientOptions;
  connectionFor(orgId: string): Promise<PermissionConnection | null>;
  orgName(orgId: string): Promise<string | null>;
  verifyOptions: VerifyOptions;
  linkKeyProvider?: LinkKeyProvider;
  alerts?: AlertSender;
  publicUrl: string;
  bulkThreshold?: number;
  bulkPoll?: PollOptions;
  recordLimits(orgId: string, info: LimitInfo | undefined): void;
  enqueue(kind: JobKind, orgId: string, actor: Actor): Promise<string>;
}
