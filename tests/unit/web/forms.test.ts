/** Form helpers: every control labelled, help and errors tied with aria-describedby, an error summary that links. */
import { button, errorSummary, fieldId, postForm, selectInput, textInput } from '@service/web/forms';

describe('textInput', () => {
  it('labels the input and ties help and error text to it', () => {
    const field = textInput({
      name: 'myDomain',
      label: 'My Domain',
      value: 'acme"',
      help: 'For example acme or acme.my.salesforce.com',
      error: 'My Domain must be a Salesforce My Domain.',
      required: true,
    }).toString();
    expect(field).toContain('<label class="slds-form-element__label" for="field-myDomain"');
    expect(field).toContain('<abbr class="slds-required" title="required">* </abbr>My Domain');
    expect(field).toContain(
      '<input type="text" id="field-myDomain" name="myDomain" aria-describedby="field-myDomain-help field-myDomain-error" aria-invalid="true" required class="slds-input" value="acme&quot;" />',
    );
    expect(field).toContain(
      '<div class="slds-form-element__help" id="field-myDomain-error">My Domain must be a Salesforce My Domain.</div>',
    );
    expect(field).toContain('slds-has-error');
  });

  it('never echoes a password value back into the page', () => {
    const field = textInput({
      name: 'password',
      label: 'Password',
      type: 'password',
      value: 'hunter2',
      autocomplete: 'current-password',
    }).toString();
    expect(field).not.toContain('hunter2');
    expect(field).toContain('autocomplete="current-password"');
    expect(field).not.toContain('aria-describedby');
  });
});

describe('selectInput', () => {
  it('marks the chosen option and labels the select', () => {
    const field = selectInput({
      name: 'environment',
      label: 'Environment',
      value: 'sandbox',
      help: 'Some Developer/Einstein orgs are considered production orgs by Salesforce',
      options: [
        { value: 'production', label: 'Production' },
        { value: 'sandbox', label: 'Sandbox' },
      ],
    }).toString();
    expect(field).toContain(
      '<select id="field-environment" name="environment" aria-describedby="field-environment-help" class="slds-select">',
    );
    expect(field).toMatch(/<option value="sandbox" selected>\s*Sandbox\s*<\/option>/);
    expect(field).toMatch(/<option value="production">\s*Production\s*<\/option>/);
  });
});

describe('forms and buttons', () => {
  it('posts with the CSRF token and an optional confirmation', () => {
    const form = postForm({
      action: '/web/settings/salesforce/reset',
      csrfToken: 'tok<',
      body: button({ label: 'Reset GRAX', variant: 'destructive' }),
      confirm: 'Reset GRAX?',
    }).toString();
    expect(form).toBe(
      '<form method="post" action="/web/settings/salesforce/reset" data-confirm="Reset GRAX?" novalidate>' +
        '<input type="hidden" name="_csrf" value="tok&lt;" />' +
        '<button class="slds-button slds-button_destructive" type="submit">Reset GRAX</button></form>',
    );
  });

  it('links each problem in the summary to its field', () => {
    const summary = errorSummary([
      { field: 'environment', message: 'Choose Production or Sandbox as the Environment.' },
      { field: 'setupToken', message: 'The setup token is not right.' },
    ]).toString();
    expect(summary).toContain('role="alert"');
    expect(summary).toContain('There are 2 problems with this form');
    expect(summary).toContain(
      `<a href="#${fieldId('environment')}">Choose Production or Sandbox as the Environment.</a>`,
    );
    expect(errorSummary([]).toString()).toBe('');
  });
});
