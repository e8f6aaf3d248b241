/**
 * Server-rendered HTML that escapes by default. `html\`<p>${name}</p>\`` escapes every interpolated value unless it
 * is itself SafeHtml (built by `html` or, for trusted fragments only, `raw`). Arrays are rendered item by item, and
 * null, undefined and false render nothing, so `${cond && html\`...\`}` works.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for use in element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char] ?? char);
}

/** A fragment of HTML that is already safe to send. */
export class SafeHtml {
  constructor(private readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: literal parts are kept, interpolated values are escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks a trusted fragment (never user input) as safe HTML. */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

/** Attribute values: strings are escaped; true renders the bare attribute; false, null and undefined omit it. */
export type AttributeValue = string | number | boolean | null | undefined;

/** Renders ` name="value"` pairs for an element, in the given order. */
export function attributes(values: Record<string, AttributeValue>): SafeHtml {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_.:-]*$/.test(name)) throw new Error(`invalid attribute name: ${name}`);
    if (value === false || value === null || value === undefined) continue;
    parts.push(value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`);
  }
  return new SafeHtml(parts.join(''));
}
