// The GRAX Setup page's text as packaged Custom Labels (labels/CustomLabels.labels-meta.xml): every label a component
// imports exists, every packaged label is used, and each is ready for translation in Setup.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT, children, readMetadata, text } from '@test-support/packageFiles';

const LWC_ROOT = path.join(PACKAGE_ROOT, 'lwc');
const labels = children(readMetadata('labels/CustomLabels.labels-meta.xml'), 'labels');
const packaged = new Map(labels.map((label) => [text(label, 'fullName') ?? '', label]));

/** `@salesforce/label/c.<name>` imports of every component module (tests excluded), by file. */
function labelImports(): { file: string; name: string }[] {
  return readdirSync(LWC_ROOT, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js') && !file.includes('__tests__'))
    .flatMap((file) =>
      Array.from(readFileSync(path.join(LWC_ROOT, file), 'utf8').matchAll(/'@salesforce\/label\/c\.(\w+)'/g), (m) => ({
        file,
        name: m[1] ?? '',
      })),
    );
}

describe('Custom Labels', () => {
  const imports = labelImports();

  it('hold the page text, each label imported by a component', () => {
    expect(labels.length).toBeGreaterThan(50);
    expect([...new Set(imports.map((i) => i.name))].sort()).toEqual([...packaged.keys()].sort());
  });

  it('exist for every label a component imports', () => {
    const missing = imports.filter((i) => !packaged.has(i.name)).map((i) => `${i.file}: ${i.name}`);
    expect(missing).toEqual([]);
  });

  it.each([...packaged.keys()])('%s is an English, unprotected GRAX Setup label that translators can read', (name) => {
    const label = packaged.get(name);
    expect(name).toMatch(/^Grax_[A-Za-z0-9]+(_[A-Za-z0-9]+)*$/);
    expect(text(label, 'language')).toBe('en_US');
    // Unprotected, so admins can override and translate it in the org that installed the package.
    expect(text(label, 'protected')).toBe('false');
    expect(text(label, 'categories')).toBe('GRAX Setup');
    const value = text(label, 'value') ?? '';
    const description = text(label, 'shortDescription') ?? '';
    expect(value.length).toBeGreaterThan(0);
    expect(value.length).toBeLessThanOrEqual(1000);
    expect(description.length).toBeLessThanOrEqual(80);
    for (const placeholder of value.match(/\{\d\}/g) ?? []) expect(description).toContain(placeholder);
  });
});
