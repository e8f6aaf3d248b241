/**
 * The permission checklist: what Verify, Auto Config and scans found, grouped by severity, each item with what is
 * wrong and how to fix it; the latest jobs with progress; the actions (Scan Now, Auto Fix, Verify, Preview changes,
 * Download org access) for admins; the Auto Fix after scan setting; and the API usage chart. Viewers see everything
 * but the actions.
 */
import type { ApiUsage } from '../../../monitoring/apiUsage';
import type { PermissionStatusView } from '../../../permissions/engine';
import { FEATURE_LABELS, type Feature } from '../../../permissions/profile';
import type { Finding, Severity } from '../../../permissions/verify/finding';
import { button, postForm } from '../../forms';
import { attributes, html, type SafeHtml } from '../../html';
import { formatTime } from '../../time';
import { permissionPaths } from './paths';
import { apiUsageChart } from './usageChart';
import { describeJob, stateLabel } from './wording';

/** What the checklist shows. */
export interface ChecklistModel {
  status: PermissionStatusView;
  usage: ApiUsage | null;
  features: Feature[];
  autoFixAfterScan: boolean;
  /** Admins get the action forms; viewers do not. */
  canAct: boolean;
  csrfToken: string;
  connected: boolean;
}

const SEVERITY_TITLES: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Notes' };

function findingItem(f: Finding): SafeHtml {
  return html`<li class="slds-item grax-finding grax-finding_${f.severity}">
    <h4 class="slds-text-heading_small">${f.subject}</h4>
    <p>${f.message}</p>
    <p class="slds-text-body_small"><strong>How to fix:</strong> ${f.remediation}</p>
  </li>`;
}

function findingsSection(findings: Finding[], total: Record<Severity, number>): SafeHtml {
  if (findings.length === 0) return html`<p>No problems found.</p>`;
  const shown = findings.length;
  const all = total.error + total.warning + total.info;
  return html`${(['error', 'warning', 'info'] as const).map((severity) => {
    const items = findings.filter((f) => f.severity === severity);
    if (items.length === 0) return '';
    return html`<section aria-labelledby="grax-findings-${severity}">
        <h3 id="grax-findings-${severity}" class="slds-text-heading_small slds-m-top_medium">${SEVERITY_TITLES[severity]} (${total[severity]})</h3>
        <ul class="slds-has-dividers_bottom-space">${items.map(findingItem)}</ul>
      </section>`;
  })}
    ${all > shown ? html`<p class="slds-text-body_small">Showing ${shown} of ${all} findings; Auto Fix addresses all of them.</p>` : ''}`;
}

function actions(model: ChecklistModel): SafeHtml {
  if (!model.canAct) return html`<p class="slds-text-body_small">Only GRAX admins can run checks and fixes.</p>`;
  if (!model.connected) return html`<p>Connect GRAX to Salesforce to check its permissions.</p>`;
  const form = (action: string, label: string, variant: 'brand' | 'neutral', confirm?: string): SafeHtml =>
    postForm({ action, csrfToken: model.csrfToken, body: button({ label, variant }), confirm });
  return html`<div class="slds-button-group grax-actions" role="group" aria-label="Permission actions">
      ${form(permissionPaths.scan, 'Scan Now', 'neutral')}
      ${form(permissionPaths.verify, 'Verify', 'neutral')}
      ${form(permissionPaths.autoFix, 'Auto Fix', 'brand', 'Auto Fix adds the missing grants to GRAX Integration User - Org Access. Continue?')}
    </div>
    <p class="slds-m-top_small">
      <a href="${permissionPaths.preview}">Preview changes</a> ·
      <a href="${permissionPaths.orgAccess}">Download org access</a> (deploy with
      <code>sf project deploy start --metadata-dir grax-org-access.zip --single-package --target-org &lt;your org&gt;</code>)
    </p>
    ${postForm({
      action: permissionPaths.settings,
      csrfToken: model.csrfToken,
      body: html`<div class="slds-form-element slds-m-top_medium">
          <div class="slds-form-element__control">
            <div class="slds-checkbox">
              <input${attributes({ type: 'checkbox', name: 'autoFixAfterScan', id: 'grax-autofix-after-scan', value: 'on', checked: model.autoFixAfterScan })} />
              <label class="slds-checkbox__label" for="grax-autofix-after-scan">
                <span class="slds-checkbox_faux"></span>
                <span class="slds-form-element__label">Run Auto Fix automatically after a scan finds drift</span>
              </label>
            </div>
          </div>
        </div>
        ${button({ label: 'Save setting', variant: 'neutral' })}`,
    })}`;
}

/** The checklist page body. */
export function checklistPage(model: ChecklistModel): SafeHtml {
  const { permissions, jobs } = model.status;
  return html`<section aria-labelledby="grax-permission-state">
      <h2 id="grax-permission-state" class="slds-text-heading_medium">${stateLabel(permissions.state)}</h2>
      <p class="slds-text-body_small">
        Features: ${model.features.map((f) => FEATURE_LABELS[f]).join(', ')}.
        ${permissions.checkedAt ? `Last checked ${formatTime(permissions.checkedAt)}.` : 'Not checked yet.'}
        ${permissions.lastScanAt ? `Last scan ${formatTime(permissions.lastScanAt)}.` : ''}
      </p>
      ${actions(model)}
    </section>
    <section aria-labelledby="grax-jobs" class="slds-m-top_large">
      <h2 id="grax-jobs" class="slds-text-heading_medium">Recent runs</h2>
      ${
        jobs.length === 0
          ? html`<p>No runs yet.</p>`
          : html`<ul>${jobs.map((j) => html`<li data-job-id="${j.id}" data-job-state="${j.state}">${describeJob(j)}</li>`)}</ul>`
      }
    </section>
    <section aria-labelledby="grax-checklist" class="slds-m-top_large">
      <h2 id="grax-checklist" class="slds-text-heading_medium">Checklist</h2>
      ${findingsSection(permissions.findings, permissions.summary)}
    </section>
    <section aria-labelledby="grax-usage-heading" class="slds-m-top_large">
      <h2 id="grax-usage-heading" class="slds-text-heading_medium">API usage</h2>
      ${model.usage ? apiUsageChart(model.usage) : html`<p>No usage recorded yet.</p>`}
    </section>`;
}
