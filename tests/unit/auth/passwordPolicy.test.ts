/** The local users' password rule: length, not the username, and not guessable (an offline strength estimator). */
import { passwordProblem } from '@service/auth/passwordPolicy';

describe('passwordProblem', () => {
  it.each([
    ['password1234', 'This is similar to a commonly used password.'],
    ['qwertyuiop123', 'This is similar to a commonly used password.'],
    ['Password2024!', 'This is similar to a commonly used password.'],
    ['iloveyou2024!', 'This is similar to a commonly used password.'],
    ['abcdefghijklmnop', 'The password is too easy to guess'],
  ])('refuses the guessable %s and says why', (password, why) => {
    const problem = passwordProblem(password, 'someone');
    expect(problem).toContain('The password is too easy to guess');
    expect(problem).toContain(why);
  });

  it('counts the username as known to a guesser', () => {
    expect(passwordProblem('ops.breakglass.2026', 'ops.breakglass')).not.toBeNull();
  });

  it.each(['correct horse battery staple', 'Glass-Break-2026-Acme', 'k9#Lm2$vQ8!zT'])('accepts %s', (password) => {
    expect(passwordProblem(password, 'someone')).toBeNull();
  });

  it('keeps the length rules', () => {
    expect(passwordProblem('short', 'someone')).toContain('at least 12 characters');
    expect(passwordProblem('x'.repeat(257), 'someone')).toContain('at most 256 characters');
  });
});
