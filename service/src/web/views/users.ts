/**
 * Settings > Users: the local break-glass users with their status, and the form to create one. Local users can sign
 * in when Salesforce is disconnected or unreachable; each signs in with a password and an authenticator app.
 */
import { formatClockTime, formatTime } from '../time';
import type { LocalUserView } from '../../auth/localUsers';
import type { FieldProblem } from '../../errors';
import { button, errorSummary, postForm, problemOf, selectInput, textInput } from '../forms';
import type { SafeHtml } from '../html';
import { html } from '../html';
import { webPaths } from '../paths';
import { newPasswordInput } from './credentialFields';

/** The username and display name of a new local user (Settings > Users, and the first local admin). */
export function newUserNameFields(
  values: { username?: string; displayName?: string },
  problems: readonly FieldProblem[],
): SafeHtml {
  return html`${textInput({
    name: 'username',
    label: 'Username',
    value: values.username,
    required: true,
    autocomplete: 'off',
    spellcheck: false,
    maxlength: 64,
    error: problemOf(problems, 'username'),
  })}
  ${textInput({
    name: 'displayName',
    label: 'Display name',
    value: values.displayName,
    required: true,
    maxlength: 80,
    error: problemOf(problems, 'displayName'),
  })}`;
}

/** The detail page of one user. */
export function userPath(id: string): string {
  return `${webPaths.settingsUsers}/${encodeURIComponent(id)}`;
}

/** The status badge of a user, in words. */
export function statusLabel(view: LocalUserView): string {
  switch (view.status.state) {
    case 'deactivated':
      return 'Deactivated';
    case 'expired':
      return 'Expired';
    case 'locked':
      return `Locked until ${view.status.lockedUntil ? formatClockTime(view.status.lockedUntil) : ''}`;
    default:
      return 'Active';
  }
}

/** Whether the user has set up an authenticator app, in words. */
export function totpLabel(view: LocalUserView): string {
  return view.status.totpEnrolled ? 'Set up' : 'Not set up yet (at first login)';
}

/** Values typed into the create form, kept when it is shown again with errors (never the password). */
export interface NewUserValues {
  username?: string;
  displayName?: string;
  role?: string;
  lastDay?: string;
}

/** What the page shows. */
export interface UsersPageModel {
  csrfToken: string;
  users: LocalUserView[];
  /** The signed-in local user's id, to mark "you". */
  currentUserId: string | null;
  values?: NewUserValues;
  problems?: FieldProblem[];
}

function usersTable(model: UsersPageModel): SafeHtml {
  if (model.users.length === 0) {
    return html`<p class="slds-m-bottom_medium">
      There are no local users yet. Create a local admin so that someone can still sign in when Salesforce is
      disconnected or unreachable.
    </p>`;
  }
  return html`<table class="slds-table slds-table_bordered slds-table_cell-buffer slds-m-bottom_large">
    <caption class="slds-assistive-text">Local users</caption>
    <thead>
      <tr class="slds-line-height_reset">
        <th scope="col">Username</th>
        <th scope="col">Display name</th>
        <th scope="col">Role</th>
        <th scope="col">Status</th>
        <th scope="col">Two-step verification</th>
        <th scope="col">Last day</th>
        <th scope="col">Last login</th>
      </tr>
    </thead>
    <tbody>
      ${model.users.map(
        (view) => html`<tr>
          <th scope="row">
            <a href="${userPath(view.user.id)}">${view.user.username}</a>${
              view.user.id === model.currentUserId ? ' (you)' : ''
            }
          </th>
          <td>${view.user.displayName}</td>
          <td>${view.user.role === 'admin' ? 'Admin' : 'Viewer'}</td>
          <td><span class="slds-badge">${statusLabel(view)}</span></td>
          <td>${totpLabel(view)}</td>
          <td>${view.lastDay ?? 'No expiry'}</td>
          <td>${formatTime(view.user.lastLoginAt)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

function createForm(model: UsersPageModel): SafeHtml {
  const values = model.values ?? {};
  const problems = model.problems ?? [];
  const error = (field: string) => problemOf(problems, field);
  return html`<section class="slds-box slds-theme_default" aria-labelledby="create-user">
    <h2 id="create-user" class="slds-text-heading_medium slds-m-bottom_small">Create a local user</h2>
    ${postForm({
      action: webPaths.settingsUsers,
      csrfToken: model.csrfToken,
      label: 'Create a local user',
      body: html`${newUserNameFields(values, problems)}
        ${selectInput({
          name: 'role',
          label: 'Role',
          value: values.role ?? 'admin',
          required: true,
          options: [
            { value: 'admin', label: 'Admin: can change connections, users and settings' },
            { value: 'viewer', label: 'Viewer: can look, not change' },
          ],
          error: error('role'),
        })}
        ${newPasswordInput({
          label: 'Initial password',
          advice: 'Give it to the user over a separate channel.',
          error: error('password'),
        })}
        ${textInput({
          name: 'lastDay',
          label: 'Last day (optional)',
          value: values.lastDay,
          placeholder: 'YYYY-MM-DD',
          inputmode: 'numeric',
          maxlength: 10,
          help: 'The user cannot sign in after this day (UTC). Leave empty for no expiry.',
          error: error('lastDay'),
        })}
        ${button({ label: 'Create user', variant: 'brand' })}`,
    })}
  </section>`;
}

/** The body of Settings > Users. */
export function usersPageBody(model: UsersPageModel): SafeHtml {
  return html`${errorSummary(model.problems ?? [])}
    <p class="slds-m-bottom_medium">
      Local users sign in with a username, a password and an authenticator app. They keep access to GRAX Connect when
      Salesforce is disconnected or unreachable.
    </p>
    ${usersTable(model)} ${createForm(model)}`;
}
