import { LABELS, format } from 'c/graxLabels';

describe('c/graxLabels', () => {
  it('reads its text from the packaged Custom Labels', () => {
    expect(LABELS.title).toBe('GRAX Setup');
    expect(LABELS.jobKinds.autofix).toBe('Auto Fix');
    expect(LABELS.permissionStates.findings).toBe('Verify found problems with the integration user’s access.');
  });

  it('fills numbered placeholders and leaves missing values empty', () => {
    expect(format(LABELS.jobStepCount, 'Reading field permissions', 3, 7)).toBe('Reading field permissions (3 of 7)');
    expect(format('{0} and {1}', 'one')).toBe('one and ');
  });

  it('names every job kind the service reports', () => {
    expect(Object.keys(LABELS.jobKinds).sort()).toEqual(['autoconfig', 'autofix', 'scan', 'verify']);
  });
});
