/**
 * The connection banner every page shows while GRAX cannot work: the authorization was refused (reconnect needed) or
 * GRAX is disconnected. Signed-in pages get a one-click Reconnect (the connect form pre-filled with the current
 * environment and My Domain); the sign-in page says that Log in with Salesforce needs a working connection and that a
 * local admin can reconnect. After an admin connected, reconnected or updated, the page they land on confirms what
 * happened (`?done=`).
 */
import type { Connection, ConnectionState } from '../../domain/connection';
import type { Banner } from '../layout';
import { CONNECTION_AUDIT } from '../../domain/audit';

/** Where the banner is shown. */
export type BannerAudience = 'signed_in' | 'sign_in_page';

/**
 * Path of the connect form. The form pre-fills itself from a connection that needs reconnecting, so the page does not
 * read the `?reconnect=1` of the Reconnect link.
 */
export const CONNECT_PATH = '/web/connect';
export const RECONNECT_PATH = `${CONNECT_PATH}?reconnect=1`;

/** The banner for a connection state (null when GRAX works, or was never connected). */
export function connectionBanner(state: ConnectionState | null, audience: BannerAudience = 'signed_in'): Banner | null {
  if (state === 'reauthorization_required') {
    return audience === 'signed_in'
      ? {
          kind: 'error',
          message: 'GRAX needs to be reconnected: Salesforce no longer accepts its authorization.',
          action: { label: 'Reconnect', href: RECONNECT_PATH },
        }
      : {
          kind: 'warning',
          message:
            'GRAX needs to be reconnected, so Log in with Salesforce is unavailable. A local admin can sign in with ' +
            'credentials and reconnect.',
        };
  }
  if (state === 'disconnected') {
    return audience === 'signed_in'
      ? {
          kind: 'warning',
          message: 'GRAX is not connected to Salesforce.',
          action: { label: 'Connect', href: CONNECT_PATH },
        }
      : { kind: 'info', message: 'GRAX is not connected to Salesforce. Local users can still sign in.' };
  }
  return null;
}

/** The notice of the sign-in page after a connection was made (`/login?connected=1`), or null. */
export function connectedNotice(flag: unknown): Banner | null {
  return flag === '1'
    ? {
        kind: 'success',
        message: 'GRAX is connected to Salesforce. Log in to follow Auto Config or Verify on the home page.',
      }
    : null;
}

/** What an admin's connect, reconnect, Update or org change did (the `done` query of the page they land on). */
export type ConnectionDone = 'connected' | 'reconnected' | 'updated' | 'org_changed';

const DONE_BY_AUDIT_ACTION: Record<string, ConnectionDone> = {
  [CONNECTION_AUDIT.connected]: 'connected',
  [CONNECTION_AUDIT.reconnected]: 'reconnected',
  [CONNECTION_AUDIT.updated]: 'updated',
  [CONNECTION_AUDIT.orgChanged]: 'org_changed',
};

/** The `done` value for the audit action an activation wrote, or null for an action the notice does not know. */
export function connectionDoneOf(auditAction: string): ConnectionDone | null {
  return DONE_BY_AUDIT_ACTION[auditAction] ?? null;
}

/** The success notice of `?done=` on the page an admin lands on after connecting, or null. */
export function connectionDoneNotice(
  done: unknown,
  connection: Pick<Connection, 'orgName' | 'username'>,
): Banner | null {
  const { orgName, username } = connection;
  switch (done) {
    case 'connected':
      return { kind: 'success', message: `GRAX is connected to ${orgName} as ${username}.` };
    case 'reconnected':
      return { kind: 'success', message: `GRAX is reconnected to ${orgName} as ${username}.` };
    case 'updated':
      return { kind: 'success', message: `Connection updated: GRAX uses ${username} in ${orgName}.` };
    case 'org_changed':
      return { kind: 'success', message: `GRAX is now connected to ${orgName} as ${username}.` };
    default:
      return null;
  }
}
