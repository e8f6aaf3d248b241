/** The error catalogue: each error says what happened and what to do next, with the right status. */
import {
  AppError,
  csrfFailed,
  forbidden,
  internalError,
  invalidFormField,
  invalidInput,
  notFound,
  payloadTooLarge,
  rateLimited,
  reauthRequired,
  signInRequired,
} from '@service/errors';

describe('error catalogue', () => {
  it.each([
    [csrfFailed(), 403, 'CSRF_FAILED'],
    [notFound(), 404, 'NOT_FOUND'],
    [signInRequired(), 401, 'SIGN_IN_REQUIRED'],
    [reauthRequired(), 403, 'REAUTH_REQUIRED'],
    [forbidden('reset GRAX'), 403, 'FORBIDDEN'],
    [payloadTooLarge(65536), 413, 'PAYLOAD_TOO_LARGE'],
    [rateLimited(30), 429, 'RATE_LIMITED'],
    [internalError('err_1'), 500, 'INTERNAL_ERROR'],
  ])('%#: gives status, code, a message and at least one next step', (error, status, code) => {
    expect(error).toBeInstanceOf(AppError);
    expect(error.httpStatus).toBe(status);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/\.$/);
    expect(error.actions.length).toBeGreaterThan(0);
  });

  it('names the field of a form problem', () => {
    const error = invalidFormField('myDomain', 'My Domain must be a Salesforce My Domain.');
    expect(error).toMatchObject({
      httpStatus: 400,
      code: 'INVALID_REQUEST',
      message: 'My Domain must be a Salesforce My Domain.',
      fields: [{ field: 'myDomain', message: 'My Domain must be a Salesforce My Domain.' }],
    });
    expect(
      invalidInput([
        { field: 'environment', message: 'a' },
        { field: 'mode', message: 'b' },
      ]).message,
    ).toBe('Some values are invalid: environment, mode.');
  });

  it('tells how long to wait and sets Retry-After', () => {
    expect(rateLimited(0.2).headers).toEqual({ 'Retry-After': '1' });
    expect(rateLimited(45).actions).toEqual(['Wait 45 seconds, then try again.']);
    expect(rateLimited(600).actions).toEqual(['Wait 10 minutes, then try again.']);
  });

  it('names what the role does not allow', () => {
    expect(forbidden('reset GRAX').message).toBe('Your GRAX Connect role does not allow you to reset GRAX.');
  });

  it('carries the error id of an unexpected error for support', () => {
    expect(internalError('err_abc').details).toEqual({ errorId: 'err_abc' });
    expect(internalError('err_abc').message).toContain('reference err_abc');
  });
});
