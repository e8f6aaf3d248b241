/**
 * The connection flows' view of the permission engine: after a connection is made, Auto Config (or Verify, for Skip
 * Auto Config) starts as a background job and the flows only need its id to show progress. Kept as a small interface
 * so the flows do not depend on how the engine runs its jobs.
 */
import type { PermissionConnection } from '../permissions/connection';
import type { PermissionEngine as Engine } from '../permissions/engine';
import type { Actor, Connection, ConnectionMode, JobKind, JobRepository } from '../store/types';

/** Starts the permission work that follows a connection. */
export interface PermissionEngine {
  /** Starts Auto Config (`auto_config`) or Verify (`manual`) for the connection; returns the job id at once. */
  startAfterConnect(connection: Connection, mode: ConnectionMode, actor: Actor): Promise<string>;
}

/** The job kind that follows a connection made in this mode. */
export function jobKindAfterConnect(mode: ConnectionMode): JobKind {
  return mode === 'auto_config' ? 'autoconfig' : 'verify';
}

/** How a job records who started it, e.g. `local:usr_...` or `setup:setup-token`. */
export function triggeredBy(actor: Actor): string {
  return `${actor.kind}:${actor.id}`;
}

/**
 * An engine that puts the job on the store's durable queue, where the permission engine's job runner claims it. When
 * a job of that kind is already queued or running, its id is returned instead of a second job.
 */
export function queuedPermissionEngine(jobs: Pick<JobRepository, 'enqueue'>): PermissionEngine {
  return {
    async startAfterConnect(connection, mode, actor) {
      const { job } = await jobs.enqueue({
        kind: jobKindAfterConnect(mode),
        orgId: connection.orgId,
        triggeredBy: triggeredBy(actor),
      });
      return job.id;
    },
  };
}

/** The permission engine's Auto Config or Verify, started with the new connection's token provider. */
export function enginePermissionStarter(
  engine: Pick<Engine, 'startAutoConfig' | 'startVerify'>,
  permissionConnection: (connection: Connection) => PermissionConnection,
): PermissionEngine {
  return {
    async startAfterConnect(connection, mode, actor) {
      const input = { connection: permissionConnection(connection), trigger: actor };
      const started = mode === 'auto_config' ? await engine.startAutoConfig(input) : await engine.startVerify(input);
      return started.jobId;
    },
  };
}
