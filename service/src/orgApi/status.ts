/**
 * `GET /api/org/v1/status`: everything the GRAX Setup page shows, in one call (docs/org-api.md): the service, the
 * link, this org's connection, the permission state and latest jobs from the engine, and API usage.
 */
import type { Connection } from '../domain/connection';
import type { LinkKey } from '../domain/orgLink';
import { connectionOfOrg, type ActiveConnection } from './connectionOfOrg';
import type { OrgApiUsage, OrgJob, OrgPermissionEngine, OrgPermissions } from './ports';
import { SERVICE_VERSION } from './serviceVersion';

/** `status.connection`; every field but `state` is null while disconnected. */
export interface OrgConnectionJson {
  state: Connection['state'];
  orgId: string | null;
  orgName: string | null;
  environment: Connection['environment'] | null;
  orgType: string | null;
  instanceUrl: string | null;
  username: string | null;
  userId: string | null;
  mode: Connection['mode'] | null;
  connectedAt: string | null;
}

/** The whole status document. */
export interface OrgStatusJson {
  service: { version: string; publicUrl: string };
  link: { orgId: string; keyId: string; createdAt: string };
  connection: OrgConnectionJson;
  permissions: OrgPermissions;
  jobs: OrgJob[];
  apiUsage: OrgApiUsage;
}

const DISCONNECTED: OrgConnectionJson = {
  state: 'disconnected',
  orgId: null,
  orgName: null,
  environment: null,
  orgType: null,
  instanceUrl: null,
  username: null,
  userId: null,
  mode: null,
  connectedAt: null,
};

function connectionJson(connection: Connection): OrgConnectionJson {
  if (connection.state === 'disconnected') return DISCONNECTED;
  return {
    state: connection.state,
    orgId: connection.orgId,
    orgName: connection.orgName,
    environment: connection.environment,
    orgType: connection.orgType,
    instanceUrl: connection.instanceUrl,
    username: connection.username,
    userId: connection.userId,
    mode: connection.mode,
    connectedAt: connection.connectedAt.toISOString(),
  };
}

/** What the status use case reads from. */
export interface OrgStatusDeps {
  publicUrl: string;
  activeConnection: ActiveConnection;
  engine: OrgPermissionEngine;
}

/** Builds the status document for the org a link key was issued to. */
export async function orgStatus(deps: OrgStatusDeps, key: LinkKey): Promise<OrgStatusJson> {
  const [org, permissionStatus, apiUsage] = await Promise.all([
    connectionOfOrg(deps.activeConnection, key.orgId),
    deps.engine.permissionStatus(key.orgId),
    deps.engine.apiUsage(key.orgId),
  ]);
  return {
    service: { version: SERVICE_VERSION, publicUrl: deps.publicUrl },
    link: { orgId: key.orgId, keyId: key.keyId, createdAt: key.createdAt.toISOString() },
    connection: org.relation === 'this_org' ? connectionJson(org.connection) : DISCONNECTED,
    permissions: permissionStatus.permissions,
    jobs: permissionStatus.jobs,
    apiUsage,
  };
}
