/**
 * `POST /api/org/v1/verify`, `/scan`, `/autofix`: start a permission job for the calling org and answer at once
 * (Apex callouts time out after 10 s by default); the page follows the job through `status`.
 */
import type { JobState } from '../domain/jobs';
import type { LinkKey } from '../domain/orgLink';
import { connectionOfOrg, type ActiveConnection } from './connectionOfOrg';
import { orgActor } from './connectLinks';
import { jobRunning, notConnected } from './errors';
import type { OrgJobKind, OrgPermissionEngine } from './ports';

/** The 202 body. */
export interface StartedJobJson {
  jobId: string;
  kind: OrgJobKind;
  state: JobState;
}

/** Starts a job; throws NOT_CONNECTED without a working connection to this org and JOB_RUNNING for a duplicate. */
export async function startOrgJob(
  deps: { activeConnection: ActiveConnection; engine: OrgPermissionEngine },
  key: LinkKey,
  kind: OrgJobKind,
): Promise<StartedJobJson> {
  const org = await connectionOfOrg(deps.activeConnection, key.orgId);
  if (org.relation === 'none' || org.connection.state === 'disconnected') throw notConnected('disconnected');
  if (org.relation === 'other_org') throw notConnected('other_org');
  if (org.connection.state !== 'connected') throw notConnected(org.connection.state);
  const started = await deps.engine.startJob(kind, { orgId: key.orgId, actor: orgActor(key) });
  if (!started.created) throw jobRunning(kind, started.jobId);
  return { jobId: started.jobId, kind, state: started.state };
}
