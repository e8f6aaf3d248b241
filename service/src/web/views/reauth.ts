/**
 * The re-authentication page, shown before Update, Reset, changing the org and managing users: Salesforce users
 * confirm through Salesforce (they must come back as the same user), local users enter their password and a code.
 */
import type { FieldProblem } from '../../errors';
import { button, errorSummary, hiddenField, postForm, problemOf } from '../forms';
import type { SafeHtml } from '../html';
import { html } from '../html';
import { authenticatorCodeInput, currentPasswordInput } from './credentialFields';

export const reauthPaths = { page: '/web/reauth', sso: '/web/reauth/sso', local: '/web/reauth/local' } as const;

/** What the page shows. */
export interface ReauthPageModel {
  csrfToken: string;
  returnTo: string;
  displayName: string;
  method: { kind: 'sso'; available: true } | { kind: 'sso'; available: false; message: string } | { kind: 'local' };
  problems?: FieldProblem[];
}

const INTRO =
  'This action changes how GRAX reaches your org or who can sign in, so GRAX Connect asks you to confirm it is you ' +
  '(at most every 5 minutes).';

/** The body of the re-authentication page. */
export function reauthPageBody(model: ReauthPageModel): SafeHtml {
  const problems = model.problems ?? [];
  const returnTo = hiddenField('returnTo', model.returnTo);
  let form: SafeHtml;
  if (model.method.kind === 'local') {
    form = postForm({
      action: reauthPaths.local,
      csrfToken: model.csrfToken,
      label: 'Confirm with your password and code',
      body: html`${returnTo}
        ${currentPasswordInput(problemOf(problems, 'password'))}
        ${authenticatorCodeInput({ label: 'Code from your authenticator app', error: problemOf(problems, 'code') })}
        ${button({ label: 'Confirm', variant: 'brand' })}`,
    });
  } else if (model.method.available) {
    form = html`<p class="slds-m-bottom_small">
        Salesforce will ask you to log in again. Log in as yourself: GRAX Connect checks that the same Salesforce user
        comes back.
      </p>
      ${postForm({
        action: reauthPaths.sso,
        csrfToken: model.csrfToken,
        label: 'Confirm with Salesforce',
        body: html`${returnTo}${button({ label: 'Confirm with Salesforce', variant: 'brand' })}`,
      })}`;
  } else {
    form = html`<p>${model.method.message}</p>`;
  }
  return html`${errorSummary(problems)}
    <div class="slds-box slds-theme_default">
      <p class="slds-m-bottom_medium">${INTRO} You are signed in as ${model.displayName}.</p>
      ${form}
      <p class="slds-m-top_medium"><a href="${model.returnTo}">Cancel</a></p>
    </div>`;
}
