/**
 * The shared rules (service/src/orgApi/setupRules.ts) against the cases every side runs, and the drift check of what
 * is generated from them and from the contract examples (Apex GraxRules, GraxRules_Tests, GraxOrgApiExamples, LWC
 * c/graxRules).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkServiceAddress,
  isLinkKey,
  serviceAddressMessage,
  SERVICE_ADDRESS_MESSAGES,
  type ServiceAddressProblem,
} from '@service/orgApi/setupRules';
import examples from '@service/orgApi/setupRules.examples.json';
import { REPO_ROOT } from '@test-support/repoRoot';

const ROOT = REPO_ROOT;

describe('setup rules', () => {
  it.each(examples.linkKeys.accepted)('accepts the link key %s', (key) => {
    expect(isLinkKey(key)).toBe(true);
  });

  it.each(examples.linkKeys.refused.map((key) => [JSON.stringify(key), key]))('refuses %s as a link key', (_, key) => {
    expect(isLinkKey(key)).toBe(false);
  });

  it.each(examples.serviceAddresses.map((example) => [JSON.stringify(example.input), example]))(
    'checks the service address %s',
    (_, example) => {
      const check = checkServiceAddress(example.input);
      expect({ address: check.address, problem: check.problem }).toEqual({
        address: example.address,
        problem: example.problem,
      });
    },
  );

  it('has a case for every problem and says what to fix for each', () => {
    const codes = Object.keys(SERVICE_ADDRESS_MESSAGES) as ServiceAddressProblem[];
    expect(new Set(examples.serviceAddresses.map((example) => example.problem))).toEqual(new Set([null, ...codes]));
    expect(serviceAddressMessage(checkServiceAddress('https://10.0.0.5:3000'))).toBe(
      "10.0.0.5 is not a public address. Salesforce calls the GRAX service over the internet: use its public https:// address (the service's PUBLIC_URL).",
    );
    expect(serviceAddressMessage(checkServiceAddress('https://grax.example.com:22'))).toContain('port 22');
    expect(serviceAddressMessage(checkServiceAddress('ftp://$&.example.com'))).toBe(
      'The service address must start with https://. Salesforce only calls services over HTTPS with a trusted certificate.',
    );
    expect(serviceAddressMessage(checkServiceAddress('$&'))).toContain('"$&" is not a web address');
    expect(serviceAddressMessage(checkServiceAddress('https://grax.example.com'))).toBeNull();
  });
});

describe('files generated from the org API definitions', () => {
  const committed = (file: string) => readFileSync(path.join(ROOT, 'force-app/main/default', file), 'utf8');

  it('match the committed files exactly (run npm run generate:org-api after changing a definition)', () => {
    // Prettier loads its plugins with dynamic import, which Jest's module system cannot run: use the real command.
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts/generate-org-api.ts'), '--check'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('carry the definitions into Apex and the LWC, and every case into the Apex tests', () => {
    expect(committed('classes/GraxRules.cls')).toContain(
      `LINK_KEY_PATTERN = '^gxk_[A-Za-z0-9_-]{22}_[A-Za-z0-9_-]{43}$'`,
    );
    const rulesTests = committed('classes/GraxRules_Tests.cls');
    for (const example of examples.serviceAddresses) {
      if (example.input) expect(rulesTests).toContain(`'${example.input}'`);
    }
    expect(committed('lwc/graxRules/graxRules.js')).toContain('export function checkServiceAddress(input)');
  });
});
