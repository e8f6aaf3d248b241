/**
 * The connection flows' view of the permission engine: after a connection is made, Auto Config (or Verify, for Skip
 * Auto Config) starts as a background job and the flows only need its id to show progress. Kept as a small interface
 * so the flows do not depend on how the engine runs its jobs.
 */
import type { PermissionConnection } from '../permissions/connection';
import type { PermissionEngine } from '../permissions/engine';
import type { JobRepository } from '../store/types';
import type { Actor } from '../domain/actor';
import type { Connection, ConnectionMode } from '../domain/connection';

/** Starts the permission work that follows a connection. */
export interface AfterConnect {
  /**
   * Queues Auto Config (`auto_config`) or Verify (`manual`) for the connection through `jobs` (the activation's
   * transaction); returns the job id at once.
   */
  startAfterConnect(connection: Connection, mode: ConnectionMode, actor: Actor, jobs: JobRepository): Promise<string>;
  /** Lets the job runner claim at once what was queued, once the transaction has committed. */
  kick(): void;
}

/** The permission engine's Auto Config or Verify, started with the new connection's token provider. */
export function enginePermissionStarter(
  engine: Pick<PermissionEngine, 'startAutoConfig' | 'startVerify' | 'runner'>,
  permissionConnection: (connection: Connection) => PermissionConnection,
): AfterConnect {
  return {
    async startAfterConnect(connection, mode, actor, jobs) {
      const input = { connection: permissionConnection(connection), trigger: actor, jobs };
      const started = mode === 'auto_config' ? await engine.startAutoConfig(input) : await engine.startVerify(input);
      return started.jobId;
    },
    kick: () => engine.runner.kick(),
  };
}
