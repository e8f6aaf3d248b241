/** The permission card of the home page: state, counts, the latest job, and a link to the checklist. */
import type { PermissionStatusView } from '../../../permissions/engine';
import { html, type SafeHtml } from '../../html';
import { formatTime } from '../../time';
import { permissionPaths } from './paths';
import { describeJob, stateLabel } from './wording';

/** The home page's permission panel. */
export function permissionSummaryPanel(status: PermissionStatusView): SafeHtml {
  const { state, summary, lastScanAt, checkedAt } = status.permissions;
  const latest = status.jobs[0];
  return html`<article class="slds-card" aria-labelledby="grax-permissions-card">
    <div class="slds-card__header">
      <h2 id="grax-permissions-card" class="slds-text-heading_small">Permissions</h2>
    </div>
    <div class="slds-card__body slds-card__body_inner">
      <p><strong>${stateLabel(state)}</strong></p>
      ${
        checkedAt
          ? html`<p>${summary.error} errors, ${summary.warning} warnings, ${summary.info} notes.</p>
            <p class="slds-text-body_small">
              Last checked ${formatTime(checkedAt)}. ${lastScanAt ? `Last scan ${formatTime(lastScanAt)}.` : ''}
            </p>`
          : ''
      }
      ${latest ? html`<p class="slds-text-body_small">${describeJob(latest)}</p>` : ''}
    </div>
    <footer class="slds-card__footer"><a href="${permissionPaths.checklist}">Open the permission checklist</a></footer>
  </article>`;
}
