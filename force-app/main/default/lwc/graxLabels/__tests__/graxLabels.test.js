import { LABELS, format } from 'c/graxLabels';

describe('c/graxLabels', () => {
  it('fills numbered placeholders and leaves missing values empty', () => {
    expect(format(LABELS.jobStepCount, 'Reading field permissions', 3, 7)).toBe('Reading field permissions (3 of 7)');
    expect(format('{0} and {1}', 'one')).toBe('one and ');
  });

  it('names every job kind the service reports', () => {
    expect(Object.keys(LABELS.jobKinds).sort()).toEqual(['autoconfig', 'autofix', 'scan', 'verify']);
  });
});
