// c/graxRules is generated from the service's setupRules.ts: it must give the answers every other side gives for the
// shared cases (service/src/orgApi/setupRules.examples.json, also run by the service's tests and GraxRules_Tests).
import { checkServiceAddress, isLinkKey, serviceAddressMessage } from 'c/graxRules';
import examples from '../../../../../../service/src/orgApi/setupRules.examples.json';

describe('c/graxRules', () => {
  it.each(examples.linkKeys.accepted)('accepts the link key %s', (key) => {
    expect(isLinkKey(key)).toBe(true);
  });

  it.each(examples.linkKeys.refused.map((key) => [JSON.stringify(key), key]))('refuses %s as a link key', (_, key) => {
    expect(isLinkKey(key)).toBe(false);
  });

  it.each(examples.serviceAddresses.map((example) => [JSON.stringify(example.input), example]))(
    'checks the service address %s as the service and Apex do',
    (_, example) => {
      const check = checkServiceAddress(example.input);
      expect({ address: check.address, problem: check.problem }).toEqual({
        address: example.address,
        problem: example.problem,
      });
    },
  );

  it('explains a refused address in GRAX Setup words', () => {
    expect(serviceAddressMessage(checkServiceAddress('https://192.168.1.20'))).toBe(
      "192.168.1.20 is not a public address. Salesforce calls the GRAX service over the internet: use its public https:// address (the service's PUBLIC_URL).",
    );
  });
});
