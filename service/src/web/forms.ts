/**
 * Labelled SLDS form controls. Every control has a visible label tied by `for`/`id`; help text and error text are
 * tied to the control with aria-describedby, and an invalid control carries aria-invalid. Forms always post with the
 * CSRF token; an error summary at the top links to each invalid field.
 */
import type { FieldProblem } from '../errors';
import type { HtmlValue, SafeHtml } from './html';
import { attributes, html } from './html';

/** The id of a field's control; error summaries link to it. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** What every labelled field has. */
export interface FieldOptions {
  name: string;
  label: string;
  value?: string;
  /** Error text; when set the field is marked invalid. */
  error?: string;
  help?: HtmlValue;
  required?: boolean;
}

function describedBy(id: string, options: FieldOptions): string | undefined {
  const ids = [options.help ? `${id}-help` : null, options.error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function fieldShell(options: FieldOptions, control: SafeHtml): SafeHtml {
  const id = fieldId(options.name);
  return html`<div class="slds-form-element slds-m-bottom_medium${options.error ? ' slds-has-error' : ''}">
    <label class="slds-form-element__label" for="${id}"
      >${options.required ? html`<abbr class="slds-required" title="required">* </abbr>` : ''}${options.label}</label
    >
    ${options.help ? html`<div class="slds-form-element__help grax-help" id="${id}-help">${options.help}</div>` : ''}
    <div class="slds-form-element__control">${control}</div>
    ${options.error ? html`<div class="slds-form-element__help" id="${id}-error">${options.error}</div>` : ''}
  </div>`;
}

function controlAttributes(options: FieldOptions): Record<string, string | boolean | undefined> {
  const id = fieldId(options.name);
  return {
    id,
    name: options.name,
    'aria-describedby': describedBy(id, options),
    'aria-invalid': options.error ? 'true' : undefined,
    required: options.required ?? false,
  };
}

/** A labelled text-like input. */
export function textInput(
  options: FieldOptions & {
    type?: 'text' | 'password' | 'email' | 'url' | 'number' | 'search';
    autocomplete?: string;
    inputmode?: 'text' | 'numeric' | 'email' | 'url';
    maxlength?: number;
    placeholder?: string;
    spellcheck?: boolean;
  },
): SafeHtml {
  const attrs = attributes({
    type: options.type ?? 'text',
    ...controlAttributes(options),
    class: 'slds-input',
    value: options.type === 'password' ? undefined : options.value,
    autocomplete: options.autocomplete,
    inputmode: options.inputmode,
    maxlength: options.maxlength,
    placeholder: options.placeholder,
    spellcheck: options.spellcheck === undefined ? undefined : String(options.spellcheck),
  });
  return fieldShell(options, html`<input${attrs} />`);
}

/** A labelled select. */
export function selectInput(options: FieldOptions & { options: { value: string; label: string }[] }): SafeHtml {
  const attrs = attributes({ ...controlAttributes(options), class: 'slds-select' });
  return fieldShell(
    options,
    html`<div class="slds-select_container">
      <select${attrs}>
        ${options.options.map(
          (option) => html`<option${attributes({ value: option.value, selected: option.value === options.value })}>
            ${option.label}
          </option>`,
        )}
      </select>
    </div>`,
  );
}

/** A button; `confirm` asks before submitting (progressive enhancement in app.js). */
export function button(options: {
  label: string;
  variant?: 'brand' | 'neutral' | 'destructive' | 'outline-brand';
  type?: 'submit' | 'button';
  name?: string;
  value?: string;
}): SafeHtml {
  const attrs = attributes({
    class: `slds-button slds-button_${options.variant ?? 'neutral'}`,
    type: options.type ?? 'submit',
    name: options.name,
    value: options.value,
  });
  return html`<button${attrs}>${options.label}</button>`;
}

/** A hidden field carrying a value the server put in the page (a return path, a record id); escaped like any value. */
export function hiddenField(name: string, value: string): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}" />`;
}

/** The hidden CSRF field every state-changing form carries. */
export function csrfField(token: string): SafeHtml {
  return hiddenField('_csrf', token);
}

/** A POST form with its CSRF token; `confirm` makes app.js ask before submitting. */
export function postForm(options: {
  action: string;
  csrfToken: string;
  body: HtmlValue;
  label?: string;
  confirm?: string;
}): SafeHtml {
  const attrs = attributes({
    method: 'post',
    action: options.action,
    'aria-label': options.label,
    'data-confirm': options.confirm,
    novalidate: true,
  });
  return html`<form${attrs}>${csrfField(options.csrfToken)}${options.body}</form>`;
}

/** The message of the problem with `field`, for that control's `error` (undefined when the field is fine). */
export function problemOf(problems: readonly FieldProblem[] | undefined, field: string): string | undefined {
  return problems?.find((p) => p.field === field)?.message;
}

/** The list of problems at the top of a form, each linking to its field; app.js moves focus to it. */
export function errorSummary(problems: FieldProblem[]): SafeHtml {
  if (problems.length === 0) return html``;
  return html`<div
    class="slds-notify slds-notify_alert slds-alert_error grax-error-summary"
    role="alert"
    tabindex="-1"
    data-error-summary
  >
    <h2>
      ${problems.length === 1 ? 'There is a problem with this form' : `There are ${problems.length} problems with this form`}
    </h2>
    <ul>
      ${problems.map((p) => html`<li><a href="#${fieldId(p.field)}">${p.message}</a></li>`)}
    </ul>
  </div>`;
}
