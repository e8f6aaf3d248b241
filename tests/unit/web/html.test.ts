/** The html tagged template escapes by default; only SafeHtml passes through unchanged. */
import { attributes, escapeHtml, html, raw } from '@service/web/html';

describe('html', () => {
  it('escapes interpolated text in content and attributes', () => {
    const name = `"><img src=x onerror=alert(1)>'&\``;
    expect(html`<p title="${name}">${name}</p>`.toString()).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&amp;&#96;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&amp;&#96;</p>',
    );
  });

  it('keeps nested fragments and renders arrays item by item', () => {
    const items = ['<a>', 'b'].map((item) => html`<li>${item}</li>`);
    // prettier-ignore
    const list = html`<ul>${items}</ul>`;
    expect(list.toString()).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>');
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    expect(html`[${null}${undefined}${false}${0}${2.5}]`.toString()).toBe('[02.5]');
  });

  it('passes raw() fragments through unchanged', () => {
    expect(html`<div>${raw('<b>trusted</b>')}</div>`.toString()).toBe('<div><b>trusted</b></div>');
  });

  it('does not treat look-alike objects as safe', () => {
    const fake = { toString: () => '<script>' } as unknown as string;
    expect(html`${fake}`.toString()).toBe('&lt;script&gt;');
  });

  it('escapes the five HTML-significant characters and backticks', () => {
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;');
  });
});

describe('attributes', () => {
  it('renders values escaped, booleans as bare attributes, and omits empty ones', () => {
    expect(attributes({ id: 'a"b', required: true, disabled: false, title: undefined, maxlength: 5 }).toString()).toBe(
      ' id="a&quot;b" required maxlength="5"',
    );
  });

  it('refuses attribute names that could break out of the tag', () => {
    expect(() => attributes({ 'x onclick': 'y' })).toThrow(/invalid attribute name/);
  });
});
