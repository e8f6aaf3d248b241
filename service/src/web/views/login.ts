/**
 * The login page: Log in with Salesforce (for people with a GRAX role in the connected org), explained instead when
 * GRAX is not connected, and Log in with credentials for local users. Both start with a CSRF-protected POST.
 */
import type { FieldProblem } from '../../errors';
import { button, errorSummary, hiddenField, postForm, problemOf, textInput } from '../forms';
import type { SafeHtml } from '../html';
import { html } from '../html';
import { authenticatorCodeInput, currentPasswordInput } from './credentialFields';

/** Where each login form posts. */
export const loginFormPaths = { sso: '/login/sso', local: '/login/local', code: '/login/code' } as const;

/** What the login page shows. */
export interface LoginPageModel {
  csrfToken: string;
  /** Whether Log in with Salesforce can run, and the org (or why not). */
  sso: { available: true; orgName: string } | { available: false; message: string };
  /** Local path to return to after signing in. */
  returnTo: string | null;
  username?: string;
  problems?: FieldProblem[];
}

function returnToField(returnTo: string | null): SafeHtml {
  return returnTo ? hiddenField('returnTo', returnTo) : html``;
}

function ssoSection(model: LoginPageModel): SafeHtml {
  if (!model.sso.available) {
    return html`<section class="slds-box slds-theme_default slds-m-bottom_large" aria-labelledby="login-sso">
      <h2 id="login-sso" class="slds-text-heading_medium slds-m-bottom_small">Log in with Salesforce</h2>
      <p>${model.sso.message}</p>
    </section>`;
  }
  return html`<section class="slds-box slds-theme_default slds-m-bottom_large" aria-labelledby="login-sso">
    <h2 id="login-sso" class="slds-text-heading_medium slds-m-bottom_small">Log in with Salesforce</h2>
    <p class="slds-m-bottom_small">
      Use your own Salesforce user in ${model.sso.orgName}. You need the GRAX_Setup_Admin or GRAX_Viewer permission
      set (or one your GRAX admin mapped to a role).
    </p>
    ${postForm({
      action: loginFormPaths.sso,
      csrfToken: model.csrfToken,
      label: 'Log in with Salesforce',
      body: html`${returnToField(model.returnTo)}${button({ label: 'Log in with Salesforce', variant: 'brand' })}`,
    })}
  </section>`;
}

/** The body of the login page. */
export function loginPageBody(model: LoginPageModel): SafeHtml {
  const problems = model.problems ?? [];
  return html`${errorSummary(problems)} ${ssoSection(model)}
    <section class="slds-box slds-theme_default" aria-labelledby="login-local">
      <h2 id="login-local" class="slds-text-heading_medium slds-m-bottom_small">Log in with credentials</h2>
      <p class="slds-m-bottom_small">For local GRAX Connect users. You will be asked for a code from your authenticator app.</p>
      ${postForm({
        action: loginFormPaths.local,
        csrfToken: model.csrfToken,
        label: 'Log in with credentials',
        body: html`${returnToField(model.returnTo)}
          ${textInput({
            name: 'username',
            label: 'Username',
            value: model.username,
            autocomplete: 'username',
            spellcheck: false,
            maxlength: 128,
            required: true,
            error: problemOf(problems, 'username'),
          })}
          ${currentPasswordInput(problemOf(problems, 'password'))}
          ${button({ label: 'Continue', variant: 'brand' })}`,
      })}
    </section>`;
}

/** What the code step shows: the code field, and the first time the authenticator app setup. */
export interface LoginCodeModel {
  csrfToken: string;
  challenge: string;
  returnTo: string | null;
  /** Present the first time: the secret (grouped) and its QR code as a data: URL. */
  enrolment: { secret: string; qrDataUrl: string } | null;
  problems?: FieldProblem[];
}

/** The body of the code step (or authenticator setup) of a local login. */
export function loginCodeBody(model: LoginCodeModel): SafeHtml {
  const problems = model.problems ?? [];
  const setup = model.enrolment
    ? html`<section class="slds-m-bottom_medium" aria-labelledby="totp-setup">
        <h2 id="totp-setup" class="slds-text-heading_medium slds-m-bottom_small">Your authenticator app</h2>
        <ol class="slds-list_ordered slds-m-bottom_small">
          <li>Open an authenticator app (for example Salesforce Authenticator, Google Authenticator or 1Password).</li>
          <li>Scan this QR code, or enter the key below by hand (time-based, 6 digits, 30 seconds).</li>
          <li>Enter the 6-digit code the app shows to confirm, and you are logged in.</li>
        </ol>
        <img src="${model.enrolment.qrDataUrl}" alt="QR code for your authenticator app" width="200" height="200" />
        <p class="slds-m-top_small">Key: <code class="grax-totp-secret">${model.enrolment.secret}</code></p>
      </section>`
    : html`<p class="slds-m-bottom_small">Enter the 6-digit code from your authenticator app.</p>`;
  return html`${errorSummary(problems)}
    <section class="slds-box slds-theme_default">
      ${setup}
      ${postForm({
        action: loginFormPaths.code,
        csrfToken: model.csrfToken,
        label: model.enrolment ? 'Confirm two-step verification' : 'Enter your code',
        body: html`${hiddenField('challenge', model.challenge)}
          ${returnToField(model.returnTo)}
          ${authenticatorCodeInput({ label: 'Code', error: problemOf(problems, 'code') })}
          ${button({ label: model.enrolment ? 'Confirm and log in' : 'Log in', variant: 'brand' })}`,
      })}
    </section>`;
}
