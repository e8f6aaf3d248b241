/**
 * After Update switched to another integration user in the same org, the previous user still holds the GRAX
 * permission sets (and with them wide data access). The admin is offered to unassign them; this does it through the
 * new connection (the new integration user can assign permission sets, so it can also remove assignments). When the
 * previous user is in another org, GRAX cannot reach it and says where to do it by hand.
 */
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { PERMISSION_SETS } from '../permissions/profile';
import { SalesforceApiError } from '../salesforce/apiClient';
import type { SalesforceClient } from '../salesforce/apiClient';
import type { Store } from '../store/types';
import type { Actor } from '../domain/actor';
import type { Connection } from '../domain/connection';
import { NotesStore } from './notes';
import { notConnected } from './tokens';
import { CONNECTION_AUDIT } from '../domain/audit';

/** The GRAX permission sets a previous integration user may still hold. */
export const GRAX_SET_NAMES = [PERMISSION_SETS.template.name, PERMISSION_SETS.access.name];

const USER_ID = /^005[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;

/** What unassigning needs. */
export interface UnassignDeps {
  store: Store;
  logger: Logger;
  client: (connection: Connection) => SalesforceClient;
}

/** What was removed. */
export interface UnassignReport {
  username: string;
  removed: string[];
}

function nothingToUnassign(): AppError {
  return new AppError({
    code: 'NO_PREVIOUS_USER',
    kind: 'conflict',
    title: 'Nothing to unassign',
    message: 'There is no previous integration user waiting to have its GRAX permission sets removed.',
    actions: ['Open Settings > Salesforce to see the current connection.'],
  });
}

function otherOrg(username: string, orgName: string): AppError {
  return new AppError({
    code: 'PREVIOUS_USER_OTHER_ORG',
    kind: 'conflict',
    title: 'Previous user is in another org',
    message:
      `${username} is a user of ${orgName}, which GRAX is no longer connected to, so GRAX cannot change its ` +
      'permission sets.',
    actions: [
      `In ${orgName}, open Setup > Users > ${username} > Permission Set Assignments and remove ` +
        `${GRAX_SET_NAMES.join(' and ')}.`,
    ],
  });
}

function unassignFailed(error: SalesforceApiError): AppError {
  return new AppError({
    code: 'UNASSIGN_FAILED',
    kind: 'upstream_failed',
    title: 'Permission sets not removed',
    message: `Salesforce refused to remove the permission set assignments (${error.errorCode}: ${error.message.slice(0, 200)}).`,
    actions: [
      'Give the integration user "Assign Permission Sets", or remove the assignments in Setup > Users > Permission ' +
        'Set Assignments.',
    ],
  });
}

/** Removes the GRAX permission set assignments of the previous integration user (same org only). */
export async function unassignPreviousUser(deps: UnassignDeps, actor: Actor): Promise<UnassignReport> {
  const connection = await deps.store.connections.getActive();
  if (!connection || connection.state !== 'connected') throw notConnected();
  const notes = new NotesStore(deps.store.settings);
  const previous = (await notes.get(connection.id))?.previousUser;
  if (!previous || !USER_ID.test(previous.userId)) throw nothingToUnassign();
  if (!previous.sameOrg || previous.orgId !== connection.orgId) throw otherOrg(previous.username, previous.orgName);

  const client = deps.client(connection);
  const names = GRAX_SET_NAMES.map((n) => `'${n}'`).join(', ');
  let removed: string[] = [];
  try {
    const found = await client.query<{ Id: string; PermissionSet?: { Name?: string } }>(
      `SELECT Id, PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '${previous.userId}' ` +
        `AND PermissionSet.Name IN (${names})`,
    );
    if (found.records.length > 0) {
      const results = await client.deleteRecords(found.records.map((r) => r.Id));
      const failure = results.find((r) => !r.success);
      if (failure) {
        const first = failure.errors[0];
        throw new SalesforceApiError(400, first?.statusCode ?? 'UNKNOWN', first?.message ?? 'delete failed');
      }
      removed = found.records.map((r) => r.PermissionSet?.Name ?? 'permission set');
    }
  } catch (error) {
    if (error instanceof SalesforceApiError) throw unassignFailed(error);
    throw error;
  }
  await notes.clearPreviousUser(connection.id);
  await deps.store.audit.append({
    actor,
    action: CONNECTION_AUDIT.previousUserUnassigned,
    target: previous.userId,
    orgId: connection.orgId,
    details: { username: previous.username, removed },
  });
  return { username: previous.username, removed };
}
