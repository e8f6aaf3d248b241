// Gives every `@salesforce/label/c.<name>` import its packaged text in Jest, read from the Custom Labels the package
// ships (force-app/main/default/labels), so tests assert what an admin reads. Without this, sfdx-lwc-jest hands each
// import its own name ("c.Grax_Title"). A label a component imports but the package lacks stays its name, and the
// package test tests/unit/package/customLabels.test.ts fails on it.
const { readFileSync } = require('fs');
const path = require('path');
const { XMLParser } = require('fast-xml-parser');

const LABELS_FILE = path.join(__dirname, '..', '..', 'main', 'default', 'labels', 'CustomLabels.labels-meta.xml');

const parsed = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'labels' }).parse(
  readFileSync(LABELS_FILE, 'utf8'),
);
for (const label of parsed.CustomLabels.labels) {
  jest.doMock(`@salesforce/label/c.${label.fullName}`, () => ({ default: String(label.value) }), { virtual: true });
}
