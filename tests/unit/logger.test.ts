/** The logger never writes secrets: known keys are redacted at any depth and token-shaped values are scrubbed. */
import { Writable } from 'node:stream';
import { createLogger } from '@service/logger';

function capture(level: 'info' | 'debug' = 'info') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level, destination });
  const output = () => lines.join('\n');
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, output, records };
}

const ACCESS_TOKEN = '00D5g000004XyZa!AQ4AQMHrS8_realLookingAccessToken.Value1234567890';
const REFRESH_TOKEN = '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJvvpbJ2pYD7mUxSd0TcXlYe';
const LINK_KEY = 'gxk_0123456789abcdefghijkl_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq';

describe('logger redaction', () => {
  it('writes JSON lines with level names', () => {
    const { logger, records } = capture();
    logger.info({ jobId: 'job_1' }, 'job started');
    expect(records()[0]).toMatchObject({ level: 'info', jobId: 'job_1', msg: 'job started' });
  });

  it('redacts values under secret keys at any depth and in any spelling', () => {
    const { logger, output, records } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer abc', cookie: 'grax_sid=xyz', 'set-cookie': ['a=b'] } },
        token: { access_token: 'a1', refresh_token: 'r1', refreshToken: 'r2' },
        oauth: { code: 'c1', state: 's1', code_verifier: 'v1', client_secret: 'cs1' },
        form: { password: 'p1', totp: '123456', linkKey: 'lk1', _csrf: 'csrf1' },
        deep: { a: { b: { c: { d: { password: 'p2' } } } } },
      },
      'incoming',
    );
    const text = output();
    for (const secret of [
      'abc',
      'xyz',
      'a=b',
      'a1',
      'r1',
      'r2',
      'c1',
      's1',
      'v1',
      'cs1',
      'p1',
      '123456',
      'lk1',
      'csrf1',
      'p2',
    ]) {
      expect(text).not.toContain(`"${secret}"`);
    }
    expect(records()[0]).toMatchObject({ form: { password: '[REDACTED]' }, oauth: { state: '[REDACTED]' } });
  });

  it('scrubs token-shaped strings wherever they appear, including messages and child bindings', () => {
    const { logger, output } = capture();
    const child = logger.child({ note: `rotating ${LINK_KEY}`, refreshToken: REFRESH_TOKEN });
    child.warn(`refresh failed for ${ACCESS_TOKEN}`);
    child.info({ detail: `got ${REFRESH_TOKEN} back`, headers: ['Authorization: Bearer 00Dxx!secret'] }, 'token call');
    const text = output();
    expect(text).not.toContain('realLookingAccessToken');
    expect(text).not.toContain('TSESvWeug');
    expect(text).not.toContain('ABCDEFGHIJKLMNOP');
    expect(text).not.toContain('00Dxx!secret');
    expect(text).toContain('gxk_[REDACTED]');
    expect(text).toContain('refresh failed for 00D[REDACTED]');
  });

  it('removes code, state and oauth_token from logged URLs', () => {
    const { logger, output } = capture();
    logger.info(
      { url: '/oauth/callback?code=aPrxSecretCode%3D%3D&state=StateValue123' },
      'redirecting to https://acme.my.salesforce.com/id/00D/005?format=json&oauth_token=TokenValue',
    );
    const text = output();
    expect(text).toContain('/oauth/callback?code=[REDACTED]&state=[REDACTED]');
    expect(text).toContain('format=json&oauth_token=[REDACTED]');
    expect(text).not.toMatch(/aPrxSecretCode|StateValue123|TokenValue/);
  });

  it('logs errors with scrubbed messages and stacks, keeping their machine code', () => {
    const { logger, records } = capture();
    const error = Object.assign(new Error(`token ${ACCESS_TOKEN} rejected`), { code: 'INVALID_GRANT' });
    logger.error({ err: error }, 'refresh failed');
    const record = records()[0] as { err: Record<string, unknown> };
    expect(record.err).toMatchObject({
      type: 'Error',
      message: 'token 00D[REDACTED] rejected',
      errorCode: 'INVALID_GRANT',
    });
    expect(String(record.err.stack)).not.toContain('realLookingAccessToken');
  });

  it('removes passwords from connection URLs', () => {
    const { logger, output } = capture();
    logger.info({ target: 'smtps://alerts:MailPassw0rd@mail.example.com:465' }, 'mail');
    expect(output()).toContain('smtps://[REDACTED]@mail.example.com:465');
    expect(output()).not.toContain('MailPassw0rd');
  });

  it('keeps ordinary words that follow Basic or Bearer in prose', () => {
    const { logger, output } = capture();
    logger.info('Basic checks passed; Bearer of news: ok');
    logger.info({ header: 'Authorization: Basic dXNlcjpwYXNzd29yZA==' }, 'sent');
    expect(output()).toContain('Basic checks passed; Bearer of news: ok');
    expect(output()).toContain('Authorization: Basic [REDACTED]');
    expect(output()).not.toContain('dXNlcjpwYXNzd29yZA');
  });

  it('honours the level', () => {
    const { logger, records } = capture('info');
    logger.debug('hidden');
    logger.info('shown');
    expect(records().map((r) => r.msg)).toEqual(['shown']);
  });
});
