/**
 * The drift banner: shown on every page while a scan has found access that broke since the last good state (a new
 * field without access, a removed grant, an unassigned set, a token problem), until Auto Fix or Verify clears it.
 */
import type { PermissionStatusView } from '../../../permissions/engine';
import type { Banner } from '../../layout';
import { html } from '../../html';
import { permissionPaths } from './paths';

/** The banner for this status, or null when there is no drift. */
export function permissionDriftBanner(status: PermissionStatusView): Banner | null {
  if (status.permissions.state !== 'drift') return null;
  const { error, warning } = status.permissions.summary;
  const first = status.permissions.findings[0];
  return {
    kind: 'error',
    message: html`Permission drift: GRAX's access to this org broke since the last check (${error} error${error === 1 ? '' : 's'},
      ${warning} warning${warning === 1 ? '' : 's'})${first ? html`, e.g. ${first.subject}` : ''}. Backups may miss data until it is fixed.`,
    action: { label: 'Review and fix', href: permissionPaths.checklist },
  };
}
