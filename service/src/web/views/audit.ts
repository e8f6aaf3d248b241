/**
 * The Audit log page: every connect, update, reset, login, logout, failed login, local-user change and SSO access
 * change, newest first, a page at a time. Details pass through the secret scrubber before they are shown, so even a
 * careless detail written by some feature cannot put a token on screen.
 */
import { formatTime } from '../time';
import { auditActionLabel } from './auditWording';
import { scrubSecrets } from '../../secretScrubber';
import type { AuditEvent } from '../../domain/audit';
import type { JsonValue } from '../../domain/json';
import type { SafeHtml } from '../html';
import { html } from '../html';
import { webPaths } from '../paths';

const ACTOR_KINDS: Record<AuditEvent['actor']['kind'], string> = {
  sso: 'Salesforce user',
  local: 'Local user',
  setup: 'Setup token',
  org: 'Org (GRAX Setup page)',
  system: 'GRAX Connect',
};

/** What the page shows. */
export interface AuditPageModel {
  events: AuditEvent[];
  /** The `before` value of the next (older) page, or null on the last page. */
  olderBefore: number | null;
  /** True when this is not the newest page. */
  paged: boolean;
}

function detailText(value: JsonValue): string {
  if (value === null) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function details(event: AuditEvent): SafeHtml {
  const entries = Object.entries(scrubSecrets(event.details) as Record<string, JsonValue>);
  if (entries.length === 0) return html``;
  return html`<ul class="grax-audit-details">
    ${entries.map(([key, value]) => html`<li>${key}: ${detailText(value)}</li>`)}
  </ul>`;
}

/** The body of the Audit log page. */
export function auditPageBody(model: AuditPageModel): SafeHtml {
  const table =
    model.events.length === 0
      ? html`<p>No events${model.paged ? ' before this point' : ' yet'}.</p>`
      : html`<div class="slds-scrollable_x"><table class="slds-table slds-table_bordered slds-table_cell-buffer">
          <caption class="slds-assistive-text">Audit events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Action</th>
              <th scope="col">Actor</th>
              <th scope="col">Target</th>
              <th scope="col">Org</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            ${model.events.map(
              (event) => html`<tr>
                <td><time datetime="${event.at.toISOString()}">${formatTime(event.at)}</time></td>
                <th scope="row" data-action="${event.action}">${auditActionLabel(event.action)}</th>
                <td>${event.actor.name} <span class="slds-text-color_weak">(${ACTOR_KINDS[event.actor.kind] ?? event.actor.kind})</span></td>
                <td>${event.target ?? '—'}</td>
                <td>${event.orgId ?? '—'}</td>
                <td>${details(event)}</td>
              </tr>`,
            )}
          </tbody>
        </table></div>`;
  const pager = html`<nav class="slds-m-top_medium" aria-label="Audit log pages">
    ${model.paged ? html`<a class="slds-m-right_medium" href="${webPaths.audit}">Newest events</a>` : ''}
    ${model.olderBefore !== null ? html`<a href="${webPaths.audit}?before=${model.olderBefore}">Older events</a>` : ''}
  </nav>`;
  return html`${table}${pager}`;
}
