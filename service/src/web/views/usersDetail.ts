/**
 * One local user in Settings > Users: status and the admin actions (deactivate or reactivate, last day, reset
 * two-step verification, reset password), each a separate CSRF-protected form.
 */
import type { LocalUserView } from '../../auth/localUsers';
import type { FieldProblem } from '../../errors';
import { button, errorSummary, postForm, problemOf, textInput } from '../forms';
import type { SafeHtml } from '../html';
import { html } from '../html';
import { webPaths } from '../paths';
import { statusLabel, totpLabel, userPath } from './users';
import { newPasswordInput } from './credentialFields';

/** The admin actions on a user, by the last segment of their path. */
export const userActions = {
  deactivate: 'deactivate',
  reactivate: 'reactivate',
  lastDay: 'last-day',
  resetTotp: 'reset-totp',
  resetPassword: 'reset-password',
} as const;

/** What the page shows. */
export interface UserDetailModel {
  csrfToken: string;
  view: LocalUserView;
  isCurrentUser: boolean;
  problems?: FieldProblem[];
}

function fact(label: string, value: string): SafeHtml {
  return html`<div class="slds-form-element slds-form-element_readonly">
    <span class="slds-form-element__label">${label}</span>
    <div class="slds-form-element__control"><div class="slds-form-element__static">${value}</div></div>
  </div>`;
}

/** The body of one user's page. */
export function userDetailBody(model: UserDetailModel): SafeHtml {
  const { view, csrfToken } = model;
  const user = view.user;
  const action = (name: string) => `${userPath(user.id)}/${name}`;
  const error = (field: string) => problemOf(model.problems, field);
  const activation = user.active
    ? model.isCurrentUser
      ? html`<p>You cannot deactivate yourself; ask another GRAX admin.</p>`
      : postForm({
          action: action(userActions.deactivate),
          csrfToken,
          label: 'Deactivate',
          confirm: `Deactivate ${user.username}? Their sessions end at once.`,
          body: button({ label: 'Deactivate user', variant: 'destructive' }),
        })
    : postForm({
        action: action(userActions.reactivate),
        csrfToken,
        label: 'Reactivate',
        body: button({ label: 'Reactivate user' }),
      });
  return html`${errorSummary(model.problems ?? [])}
    <p class="slds-m-bottom_medium"><a href="${webPaths.settingsUsers}">Back to all users</a></p>
    <section class="slds-box slds-theme_default slds-m-bottom_medium" aria-label="Status">
      ${fact('Username', user.username)} ${fact('Display name', user.displayName)}
      ${fact('Role', user.role === 'admin' ? 'Admin' : 'Viewer')} ${fact('Status', statusLabel(view))}
      ${fact('Two-step verification', totpLabel(view))} ${fact('Last day', view.lastDay ?? 'No expiry')}
    </section>
    <section class="slds-box slds-theme_default slds-m-bottom_medium" aria-labelledby="user-access">
      <h2 id="user-access" class="slds-text-heading_small slds-m-bottom_small">Access</h2>
      ${activation}
    </section>
    <section class="slds-box slds-theme_default slds-m-bottom_medium" aria-labelledby="user-last-day">
      <h2 id="user-last-day" class="slds-text-heading_small slds-m-bottom_small">Last day</h2>
      ${postForm({
        action: action(userActions.lastDay),
        csrfToken,
        label: 'Set the last day',
        body: html`${textInput({
          name: 'lastDay',
          label: 'Last day (UTC)',
          value: view.lastDay ?? '',
          placeholder: 'YYYY-MM-DD',
          inputmode: 'numeric',
          maxlength: 10,
          help: 'Leave empty and save to remove the expiry.',
          error: error('lastDay'),
        })}
          ${button({ label: 'Save last day' })}`,
      })}
    </section>
    <section class="slds-box slds-theme_default slds-m-bottom_medium" aria-labelledby="user-totp">
      <h2 id="user-totp" class="slds-text-heading_small slds-m-bottom_small">Two-step verification</h2>
      <p class="slds-m-bottom_small">
        Reset it when the user lost their phone: they set up a new authenticator app at their next login.
      </p>
      ${postForm({
        action: action(userActions.resetTotp),
        csrfToken,
        label: 'Reset two-step verification',
        confirm: `Reset two-step verification for ${user.username}? Their sessions end at once.`,
        body: button({ label: 'Reset two-step verification' }),
      })}
    </section>
    <section class="slds-box slds-theme_default" aria-labelledby="user-password">
      <h2 id="user-password" class="slds-text-heading_small slds-m-bottom_small">Reset password</h2>
      ${postForm({
        action: action(userActions.resetPassword),
        csrfToken,
        label: 'Reset password',
        body: html`${newPasswordInput({
          label: 'New password',
          advice: 'Their sessions end at once.',
          error: error('password'),
        })}
          ${button({ label: 'Reset password' })}`,
      })}
    </section>`;
}
