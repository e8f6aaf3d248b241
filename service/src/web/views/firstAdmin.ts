/**
 * The way back in when nobody can sign in: what to ask the operator of the GRAX Connect server to run, and the form
 * that creates the first local admin with the setup token it prints. The wording names the command and nothing about
 * the org, so a visitor who is not signed in learns nothing else.
 */
import { SETUP_TOKEN_COMMAND } from '../../connection/connectErrors';
import type { FieldProblem } from '../../errors';
import { button, errorSummary, postForm, problemOf, textInput } from '../forms';
import type { SafeHtml } from '../html';
import { html } from '../html';
import { webPaths } from '../paths';
import { newPasswordInput } from './credentialFields';
import { newUserNameFields } from './users';

/** What to ask the operator, in one sentence pages can share. */
export const ASK_OPERATOR_TEXT =
  `Ask the operator of the GRAX Connect server to run ${SETUP_TOKEN_COMMAND} on the server: it prints a setup ` +
  'token that works once, for an hour, to connect GRAX to Salesforce or to create the first local admin.';

/** The setup token field (first-run or operator-issued). */
export function setupTokenInput(options: { error: string | undefined; help: string }): SafeHtml {
  return textInput({
    name: 'setupToken',
    label: 'Setup token',
    required: true,
    type: 'password',
    error: options.error,
    help: options.help,
    autocomplete: 'off',
    maxlength: 256,
  });
}

/** What the first-admin form shows. */
export interface FirstAdminPageModel {
  csrfToken: string;
  /** False when a local admin exists or no setup token would be accepted: the page explains instead of asking. */
  available: boolean;
  values?: { username?: string; displayName?: string };
  problems?: FieldProblem[];
}

/** The body of the first-admin page. */
export function firstAdminPageBody(model: FirstAdminPageModel): SafeHtml {
  if (!model.available) {
    return html`<div class="slds-box slds-theme_default">
      <p>
        A first local admin can be created here only while no local admin is active and a setup token is waiting to be
        used. If you cannot sign in: ${ASK_OPERATOR_TEXT}
      </p>
      <p class="slds-m-top_small"><a href="${webPaths.login}">Go to Log in</a></p>
    </div>`;
  }
  const problems = model.problems ?? [];
  const values = model.values ?? {};
  return html`${errorSummary(problems)}
    <section class="slds-box slds-theme_default">
      <p class="slds-m-bottom_small">
        No local admin is active. Enter the setup token and the new admin's details; the setup token is used up. The
        new admin sets up two-step verification at the first login.
      </p>
      ${postForm({
        action: webPaths.firstAdmin,
        csrfToken: model.csrfToken,
        label: 'Create the first local admin',
        body: html`${setupTokenInput({
          error: problemOf(problems, 'setupToken'),
          help: `From ${SETUP_TOKEN_COMMAND} on the GRAX Connect server (or the first-run token printed when it first started).`,
        })}
          ${newUserNameFields(values, problems)}
          ${newPasswordInput({
            label: 'Password',
            advice: 'You log in with it next.',
            error: problemOf(problems, 'password'),
          })}
          ${button({ label: 'Create the local admin', variant: 'brand' })}`,
      })}
    </section>`;
}
