/** TOTP: 30-second steps, 6 digits, one step of drift either side, and the step a code belongs to. */
import {
  groupedSecret,
  matchingStep,
  newTotpSecret,
  totpCodeAt,
  totpKeyUri,
  totpQrDataUrl,
  totpStepAt,
} from '@service/auth/totp';

const secret = newTotpSecret();
const now = new Date('2026-11-28T10:00:10.000Z');

describe('TOTP', () => {
  it('creates 160-bit base32 secrets, different every time', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it('accepts the current code and names its time step', () => {
    const code = totpCodeAt(secret, now);
    expect(code).toMatch(/^\d{6}$/);
    expect(matchingStep(secret, code, now)).toBe(totpStepAt(now));
    expect(matchingStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(totpStepAt(now));
  });

  it('accepts the previous and next code (clock drift) but nothing older or newer', () => {
    const step = 30_000;
    const at = (offset: number) => new Date(now.getTime() + offset * step);
    expect(matchingStep(secret, totpCodeAt(secret, at(-1)), now)).toBe(totpStepAt(now) - 1);
    expect(matchingStep(secret, totpCodeAt(secret, at(1)), now)).toBe(totpStepAt(now) + 1);
    expect(matchingStep(secret, totpCodeAt(secret, at(-2)), now)).toBeNull();
    expect(matchingStep(secret, totpCodeAt(secret, at(2)), now)).toBeNull();
  });

  it('refuses a wrong code, another secret and malformed input', () => {
    const code = totpCodeAt(secret, now);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(matchingStep(secret, wrong, now)).toBeNull();
    expect(matchingStep(newTotpSecret(), code, now)).toBeNull();
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`]) expect(matchingStep(secret, bad, now)).toBeNull();
  });

  it('builds an otpauth URI and a PNG QR code for authenticator apps', async () => {
    const uri = totpKeyUri(secret, 'break.glass');
    expect(uri).toMatch(/^otpauth:\/\/totp\/GRAX%20Connect:break\.glass\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('period=30');
    expect(uri).toContain('digits=6');
    await expect(totpQrDataUrl(uri)).resolves.toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]{200,}$/);
    expect(groupedSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});
