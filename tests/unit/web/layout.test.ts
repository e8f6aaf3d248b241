/** The page layout: accessible structure, navigation for signed-in users, banners, and no inline code. */
import { layout } from '@service/web/layout';
import { html } from '@service/web/html';
import { errorPage } from '@service/web/errorPage';
import { csrfFailed } from '@service/errors';

const body = html`<p>Content</p>`;

describe('layout', () => {
  it('has a language, a title, a skip link to the main landmark and a single h1', () => {
    const page = layout({ title: 'Settings', body, user: null, csrfToken: null }).toString();
    expect(page).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(page).toContain('<title>Settings · GRAX Connect</title>');
    expect(page).toContain('<a class="grax-skip-link" href="#main">Skip to main content</a>');
    expect(page).toContain('<main id="main" class="grax-main" tabindex="-1">');
    expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
  });

  it('loads SLDS and our assets from this service only, with no inline script or style', () => {
    const page = layout({ title: 'T', body, user: null, csrfToken: 'tok' }).toString();
    expect(page).toContain('href="/web/assets/slds/styles/salesforce-lightning-design-system.min.css"');
    expect(page).toContain('<script src="/web/assets/app.js" defer></script>');
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|\sstyle=|<style/);
  });

  it('shows no navigation or account menu to anonymous visitors', () => {
    const page = layout({ title: 'Connect', body, user: null, csrfToken: 'tok' }).toString();
    expect(page).not.toContain('<nav');
    expect(page).not.toContain('Log out');
  });

  it('shows the navigation with the current page marked, and a logout form with the CSRF token', () => {
    const page = layout({
      title: 'Users',
      body,
      user: { displayName: 'Ada <Admin>', role: 'admin' },
      csrfToken: 'csrf-token-1',
      activeNav: 'users',
    }).toString();
    expect(page).toContain('<nav class="slds-nav-vertical grax-nav" aria-label="GRAX Connect">');
    for (const label of ['Home', 'Salesforce', 'SSO access', 'Users', 'Org link', 'Audit log']) {
      expect(page).toContain(`>${label}</a>`);
    }
    expect(page).toContain('href="/web/settings/users" aria-current="page">Users</a>');
    expect(page.match(/aria-current=/g)).toHaveLength(1);
    expect(page).toContain('Ada &lt;Admin&gt;');
    expect(page).toMatch(
      /<form method="post" action="\/logout">\s*<input type="hidden" name="_csrf" value="csrf-token-1" \/>/,
    );
    expect(page).toContain('<meta name="csrf-token" content="csrf-token-1" />');
  });

  it('announces warning banners as alerts and info banners as status, with an optional action', () => {
    const page = layout({
      title: 'Home',
      body,
      user: null,
      csrfToken: null,
      banners: [
        {
          kind: 'warning',
          message: 'Set up a local user before resetting GRAX if access is needed',
          action: { label: 'Add a user', href: '/web/settings/users' },
        },
        { kind: 'info', message: 'Scan finished' },
      ],
    }).toString();
    expect(page).toMatch(/<div class="slds-notify slds-notify_alert slds-alert_warning" role="alert">/);
    expect(page).toMatch(/<div class="slds-notify slds-notify_alert slds-theme_info" role="status">/);
    expect(page).toContain('<a href="/web/settings/users">Add a user</a>');
    expect(page).toContain('<span class="slds-assistive-text">Warning</span>');
  });
});

describe('error page', () => {
  it('says what happened, what to do next, and gives a reference, without internal details', () => {
    const page = errorPage({ error: csrfFailed(), requestId: 'req-123', user: null, csrfToken: null }).toString();
    expect(page).toContain('<title>Form expired · GRAX Connect</title>');
    expect(page).toContain('security token is missing or out of date');
    expect(page).toContain('<h2 class="slds-text-heading_small slds-m-top_medium">What to do next</h2>');
    expect(page).toContain('<li>Go back, reload the page, and submit the form again.</li>');
    expect(page).toContain('Error CSRF_FAILED · request req-123');
  });
});
