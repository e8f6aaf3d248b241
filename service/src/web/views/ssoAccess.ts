/**
 * Settings > SSO access: who may log in with Salesforce. The default rule (the GRAX package's custom permissions)
 * and the permission sets a GRAX admin mapped to a role; admins add and remove mappings, viewers only read.
 */
import type { StoredRoleMapping } from '../../auth/ssoMappings';
import { GRAX_CUSTOM_PERMISSIONS, GRAX_ROLE_SETS } from '../../auth/ssoRoleRules';
import type { FieldProblem } from '../../errors';
import { button, errorSummary, hiddenField, postForm, problemOf, selectInput, textInput } from '../forms';
import type { SafeHtml } from '../html';
import { html } from '../html';
import { webPaths } from '../paths';

export const ssoAccessPaths = { save: webPaths.settingsSso, remove: `${webPaths.settingsSso}/remove` } as const;

/** What the page shows. */
export interface SsoAccessModel {
  csrfToken: string;
  canEdit: boolean;
  /** The connected org's name, or null when GRAX is not connected (names are then not checked). */
  orgName: string | null;
  mappings: StoredRoleMapping[];
  values?: { permissionSet?: string; role?: string };
  problems?: FieldProblem[];
}

function roleName(role: string): string {
  return role === 'admin' ? 'Admin' : 'Viewer';
}

function defaultRule(orgName: string | null): SafeHtml {
  return html`<section class="slds-box slds-theme_default slds-m-bottom_medium" aria-labelledby="sso-default">
    <h2 id="sso-default" class="slds-text-heading_medium slds-m-bottom_small">Default rule</h2>
    <p class="slds-m-bottom_small">
      Log in with Salesforce lets in only active, internal (Standard) users of ${orgName ?? 'the connected org'} who
      hold one of these custom permissions through their profile, a permission set or a permission set group.
      Everyone else is refused.
    </p>
    <table class="slds-table slds-table_bordered slds-table_cell-buffer">
      <caption class="slds-assistive-text">Custom permissions and roles</caption>
      <thead>
        <tr>
          <th scope="col">Custom permission</th>
          <th scope="col">GRAX role</th>
          <th scope="col">Granted by the package's permission set</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">${GRAX_CUSTOM_PERMISSIONS.admin}</th>
          <td>Admin</td>
          <td>${GRAX_ROLE_SETS.admin}</td>
        </tr>
        <tr>
          <th scope="row">${GRAX_CUSTOM_PERMISSIONS.viewer}</th>
          <td>Viewer</td>
          <td>${GRAX_ROLE_SETS.viewer} (and ${GRAX_ROLE_SETS.admin})</td>
        </tr>
      </tbody>
    </table>
    <p class="slds-m-top_small">
      A permission muted by a permission set group's muting set gives nothing through that group, but still counts when
      the profile, a permission set or another group grants it. An expired assignment and a session-based permission set
      give nothing. When several rules apply, the higher role wins.
    </p>
  </section>`;
}

function mappingsTable(model: SsoAccessModel): SafeHtml {
  if (model.mappings.length === 0) return html`<p class="slds-m-bottom_medium">No permission sets are mapped.</p>`;
  return html`<table class="slds-table slds-table_bordered slds-table_cell-buffer slds-m-bottom_medium">
    <caption class="slds-assistive-text">Mapped permission sets</caption>
    <thead>
      <tr>
        <th scope="col">Permission set (API name)</th>
        <th scope="col">GRAX role</th>
        <th scope="col">Saved by</th>
        ${model.canEdit ? html`<th scope="col"><span class="slds-assistive-text">Actions</span></th>` : ''}
      </tr>
    </thead>
    <tbody>
      ${model.mappings.map(
        (m) => html`<tr>
          <th scope="row">
            ${m.permissionSet}${m.label && m.label !== m.permissionSet ? html` (${m.label})` : ''}
            ${m.checkedInOrg ? '' : html`<span class="slds-badge slds-m-left_x-small">Not checked in the org</span>`}
          </th>
          <td>${roleName(m.role)}</td>
          <td>${m.savedBy}, ${m.savedAt.slice(0, 16).replace('T', ' ')} UTC</td>
          ${
            model.canEdit
              ? html`<td>
                ${postForm({
                  action: ssoAccessPaths.remove,
                  csrfToken: model.csrfToken,
                  label: `Remove ${m.permissionSet}`,
                  confirm: `Remove the mapping of ${m.permissionSet}? Its holders lose this role at their next login.`,
                  body: html`${hiddenField('permissionSet', m.permissionSet)}
                    ${button({ label: 'Remove' })}`,
                })}
              </td>`
              : ''
          }
        </tr>`,
      )}
    </tbody>
  </table>`;
}

function addForm(model: SsoAccessModel): SafeHtml {
  const problems = model.problems ?? [];
  const error = (field: string) => problemOf(problems, field);
  return postForm({
    action: ssoAccessPaths.save,
    csrfToken: model.csrfToken,
    label: 'Map a permission set',
    body: html`${textInput({
      name: 'permissionSet',
      label: 'Permission set API name',
      value: model.values?.permissionSet,
      required: true,
      spellcheck: false,
      maxlength: 80,
      help: model.orgName
        ? `Checked in ${model.orgName} when you save.`
        : 'GRAX is not connected, so the name cannot be checked now.',
      error: error('permissionSet'),
    })}
      ${selectInput({
        name: 'role',
        label: 'GRAX role',
        value: model.values?.role ?? 'viewer',
        required: true,
        options: [
          { value: 'viewer', label: 'Viewer' },
          { value: 'admin', label: 'Admin' },
        ],
        error: error('role'),
      })}
      ${button({ label: 'Save mapping', variant: 'brand' })}`,
  });
}

/** The body of Settings > SSO access. */
export function ssoAccessBody(model: SsoAccessModel): SafeHtml {
  return html`${errorSummary(model.problems ?? [])} ${defaultRule(model.orgName)}
    <section class="slds-box slds-theme_default" aria-labelledby="sso-mappings">
      <h2 id="sso-mappings" class="slds-text-heading_medium slds-m-bottom_small">Mapped permission sets</h2>
      <p class="slds-m-bottom_small">
        Holders of a mapped permission set get its role too, for example a set your team already assigns to the people
        who should see GRAX. Changes apply at each person's next login.
      </p>
      ${mappingsTable(model)}
      ${model.canEdit ? addForm(model) : html`<p>Only GRAX admins can change the mappings.</p>`}
    </section>`;
}
