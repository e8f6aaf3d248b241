/**
 * The HTML pages of the emulated login service: the login form (ids `username`, `password` and `Login`, password field
 * named `pw`, as on Salesforce's login page), the "Allow Access?" consent page (buttons `oaapprove` / `oadeny`), the
 * OAuth error page and the page an API-only user gets. Each is a real `<form>` that a browser, or a test posting it
 * like a browser, can submit.
 */

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A plain look close to Salesforce's login card, so a demo reads like the real thing (the emulator has no CSP). */
const STYLE = [
  'body{margin:0;background:#f3f3f3;font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#16325c}',
  '#content{max-width:380px;margin:48px auto;background:#fff;border:1px solid #d8dde6;border-radius:4px;padding:24px}',
  'h1{font-size:1.4rem;margin:0 0 16px}label{display:block;font-size:.85rem;margin-top:12px}',
  'input.input{box-sizing:border-box;width:100%;padding:10px;border:1px solid #c9c9c9;border-radius:4px;margin-top:6px}',
  'input.button,button{margin-top:18px;padding:10px 16px;border:1px solid #0176d3;border-radius:4px;background:#0176d3;',
  'color:#fff;font-size:1rem;cursor:pointer}input.button{width:100%}button.secondary{background:#fff;color:#0176d3}',
  '.loginError{color:#c23934;margin-bottom:8px}',
  '.emulator-note{font-size:.75rem;color:#54698d;text-align:center;margin:12px auto;max-width:380px}',
].join('');

function page(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>`,
    `<body><main id="content">${body}</main>`,
    '<footer class="emulator-note">Salesforce org emulator (GRAX Connect tests and demo): not a real Salesforce login.</footer>',
    '</body>',
    '</html>',
  ].join('\n');
}

function hiddenInputs(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
}

/** Salesforce's message for a wrong username or password (also for inactive users: it names no reason). */
export const LOGIN_FAILED_MESSAGE =
  "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";

/** The login page. `error` is shown above the form after a failed attempt. */
export function renderLoginPage(options: {
  hidden: Record<string, string>;
  orgLabel: string;
  username?: string;
  error?: string;
}): string {
  const error = options.error
    ? `<div id="error" class="loginError" role="alert">${escapeHtml(options.error)}</div>`
    : '<div id="error" class="loginError" role="alert" hidden></div>';
  return page(
    'Login | Salesforce',
    [
      `<h1>${escapeHtml(options.orgLabel)}</h1>`,
      '<form name="login" id="login_form" method="post" action="/" autocomplete="off" novalidate>',
      error,
      '<label for="username" class="label usernamelabel">Username</label>',
      `<input class="input r4 wide mb16 mt8 username" type="email" name="username" id="username" ` +
        `value="${escapeHtml(options.username ?? '')}" autocomplete="username">`,
      '<label for="password" class="label">Password</label>',
      '<input class="input r4 wide mb16 mt8 password" type="password" name="pw" id="password" ' +
        'autocomplete="current-password">',
      '<input class="button r4 wide primary" type="submit" id="Login" name="Login" value="Log In">',
      hiddenInputs(options.hidden),
      '</form>',
    ].join('\n'),
  );
}

const SCOPE_LABELS: Record<string, string> = {
  api: 'Manage user data via APIs (api)',
  refresh_token: 'Perform requests at any time (refresh_token, offline_access)',
  offline_access: 'Perform requests at any time (refresh_token, offline_access)',
  id: 'Access the identity URL service (id, profile, email, address, phone)',
  profile: 'Access the identity URL service (id, profile, email, address, phone)',
  email: 'Access the identity URL service (id, profile, email, address, phone)',
  openid: 'Access unique user identifiers (openid)',
  web: 'Manage user data via Web browsers (web)',
  full: 'Full access (full)',
};

/** The "Allow Access?" page shown when the app needs the user's approval. */
export function renderConsentPage(options: {
  appName: string;
  username: string;
  scopes: string[];
  hidden: Record<string, string>;
}): string {
  const labels = [...new Set(options.scopes.map((s) => SCOPE_LABELS[s] ?? s))];
  return page(
    'Allow Access? | Salesforce',
    [
      '<h1>Allow Access?</h1>',
      `<p><strong>${escapeHtml(options.appName)}</strong> is asking to:</p>`,
      `<ul>${labels.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
      `<p>Do you want to allow access for ${escapeHtml(options.username)}?</p>`,
      '<form id="frm" method="post" action="/setup/secur/RemoteAccessAuthorizationPage.apexp">',
      hiddenInputs(options.hidden),
      '<input type="submit" id="oadeny" name="oadeny" value="Deny">',
      '<input type="submit" id="oaapprove" name="oaapprove" value="Allow">',
      '</form>',
    ].join('\n'),
  );
}

/** Salesforce's OAuth error page (RemoteAccessErrorPage): the error and its description. */
export function renderOAuthErrorPage(error: string, description: string): string {
  return page(
    'Error | Salesforce',
    [
      '<h1>OAuth Error</h1>',
      "<p>We can't authorize you because of an OAuth error. For more information, contact your Salesforce " +
        'administrator.</p>',
      `<p id="oauth-error"><code>error=${escapeHtml(error)}</code> ` +
        `<code>error_description=${escapeHtml(description)}</code></p>`,
    ].join('\n'),
  );
}

/**
 * The page an API-only user (Salesforce Integration license) gets after entering valid credentials: heading and text
 * as support articles quote Salesforce's page (see docs/emulator-fidelity.md).
 */
export function renderApiOnlyPage(): string {
  return page(
    'Access Restricted | Salesforce',
    [
      '<h1>Access Restricted for API Only Users</h1>',
      '<p id="api-only-message">You successfully updated your settings, and can no longer access the UI. ' +
        'Close this window to continue.</p>',
    ].join('\n'),
  );
}

/** A page for a login form submitted after its request expired or was already completed. */
export function renderExpiredLoginPage(): string {
  return page(
    'Error | Salesforce',
    '<h1>Your login request expired</h1><p>Start the login again from the application you came from.</p>',
  );
}
