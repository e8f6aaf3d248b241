/** Preview changes: what Auto Config would create, change and assign now, before anything is written. */
import type { PlanPreview } from '../../../permissions/preview';
import { html, type SafeHtml } from '../../html';
import { permissionPaths } from './paths';

const ACTIONS: Record<string, string> = {
  create: 'Create',
  addPermissions: 'Add permissions',
  none: 'No change',
  blocked: 'Blocked',
  reactivate: 'Renew the expired assignment',
};

/** The preview page body. */
export function previewPage(preview: PlanPreview): SafeHtml {
  const { objects, fields } = preview;
  return html`<p>
      ${
        preview.writes === 0
          ? 'Auto Config would change nothing: everything is in place.'
          : `Auto Config would write ${preview.writes} records.`
      }
      (Computing this preview used ${preview.apiCalls} API calls.)
    </p>
    ${
      preview.blocked.length > 0
        ? html`<div class="slds-box slds-theme_warning slds-m-vertical_medium" role="status">
          <h2 class="slds-text-heading_small">Needs your attention first</h2>
          <ul>${preview.blocked.map((b) => html`<li><strong>${b.item}:</strong> ${b.message} ${b.nextStep}</li>`)}</ul>
        </div>`
        : ''
    }
    <table class="slds-table slds-table_bordered slds-m-top_medium">
      <caption class="slds-text-heading_small">Permission sets</caption>
      <thead><tr><th scope="col">Set</th><th scope="col">Change</th><th scope="col">License</th><th scope="col">System permissions added</th></tr></thead>
      <tbody>
        ${preview.sets.map(
          (s) => html`<tr>
            <th scope="row">${s.label} (${s.name})</th>
            <td>${ACTIONS[s.action] ?? s.action}</td>
            <td>${s.license ?? '—'}</td>
            <td>${s.addPermissions.map((p) => (p.reason ? `${p.label} (${p.reason})` : p.label)).join(', ') || '—'}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <table class="slds-table slds-table_bordered slds-m-top_medium">
      <caption class="slds-text-heading_small">Assignments</caption>
      <thead><tr><th scope="col">Set</th><th scope="col">Change</th></tr></thead>
      <tbody>${preview.assignments.map((a) => html`<tr><th scope="row">${a.set}</th><td>${ACTIONS[a.action] ?? a.action}</td></tr>`)}</tbody>
    </table>
    <h2 class="slds-text-heading_small slds-m-top_medium">Object access</h2>
    <p>${objects.covered} objects covered: ${objects.create} object permissions to create, ${objects.update} to widen.</p>
    ${
      objects.items.length > 0
        ? html`<ul>${objects.items.map((c) => html`<li>${c.object}: ${c.action === 'create' ? 'create' : 'add'} ${c.add.join(', ')}</li>`)}</ul>`
        : ''
    }
    <h2 class="slds-text-heading_small slds-m-top_medium">Field access (restore)</h2>
    ${
      fields.needed
        ? html`<p>${fields.create} field permissions to create, ${fields.update} to give Edit.</p>
          ${fields.byObject.length > 0 ? html`<ul>${fields.byObject.map((o) => html`<li>${o.object}: ${o.count} fields</li>`)}</ul>` : ''}`
        : html`<p>Not needed for the chosen features.</p>`
    }
    <p class="slds-m-top_medium"><a href="${permissionPaths.checklist}">Back to the checklist</a></p>`;
}
