// Registers `await expect(element).toBeAccessible()` for every LWC test suite: runs axe-core over the element
// (its shadow trees included) and fails with one line per violation. Rules that need a real layout engine
// (colour contrast) or a whole page (landmarks, page title) are left to the browser E2E tests.
const axe = require('axe-core');

const AXE_OPTIONS = {
  rules: {
    'color-contrast': { enabled: false },
    region: { enabled: false },
    'page-has-heading-one': { enabled: false },
    'landmark-one-main': { enabled: false },
  },
  resultTypes: ['violations'],
};

function describeViolation(violation) {
  const targets = violation.nodes.map((node) => node.target.join(' ')).join(', ');
  return `${violation.id} (${violation.impact}): ${violation.help} at ${targets}`;
}

expect.extend({
  async toBeAccessible(element) {
    const { violations } = await axe.run(element, AXE_OPTIONS);
    return {
      pass: violations.length === 0,
      message: () =>
        violations.length === 0
          ? 'expected accessibility violations, found none'
          : `expected no accessibility violations, found ${violations.length}:\n${violations
              .map(describeViolation)
              .join('\n')}`,
    };
  },
});
