import GraxServiceAddressStep from 'c/graxServiceAddressStep';
import {
  mount,
  resetDom,
  flushPromises,
  shadowQuery,
  shadowQueryAll,
  textOf,
  typeInto,
} from '../../../../../test/jest-utils/lwcTestUtils';
import unreachableState from '../../graxSetup/__tests__/data/setupStateUnreachable.json';

const SETUP_PATH = 'Setup > Security > Named Credentials > GRAX_Service';

function render(properties) {
  return mount('c-grax-service-address-step', GraxServiceAddressStep, { setupPath: SETUP_PATH, ...properties });
}

describe('c-grax-service-address-step', () => {
  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
  });

  it('asks for the service address on a fresh install and sends the trimmed address on save', async () => {
    const element = render({ namedCredentialUrl: 'https://grax-service.invalid', canEdit: true });
    const onSave = jest.fn();
    element.addEventListener('save', onSave);
    await flushPromises();

    expect(textOf(shadowQuery(element, 'h2'))).toBe('Set the GRAX service address');
    const save = shadowQuery(element, 'lightning-button.save-address');
    expect(save.disabled).toBe(true);

    typeInto(shadowQuery(element, 'lightning-input.address-input'), '  https://grax.acme.example  ');
    await flushPromises();
    expect(save.disabled).toBe(false);
    save.click();

    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0][0].detail).toEqual({ url: 'https://grax.acme.example' });
  });

  it('labels the address input and marks it required', async () => {
    const element = render({ canEdit: true });
    await flushPromises();

    const input = shadowQuery(element, 'lightning-input.address-input');
    expect(input.label).toBe('Service address');
    expect(input.type).toBe('url');
    expect(input.required).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('tells an admin who may not edit named credentials where to set the address in Setup', async () => {
    const element = render({
      namedCredentialUrl: 'https://grax-service.invalid',
      savedServiceUrl: 'https://grax.acme.example',
      canEdit: false,
    });
    await flushPromises();

    expect(shadowQuery(element, 'lightning-input')).toBeNull();
    expect(textOf(shadowQuery(element, '.no-edit'))).toContain(SETUP_PATH);
    expect(textOf(shadowQuery(element, '.saved-address'))).toContain('https://grax.acme.example');
    await expect(element).toBeAccessible();
  });

  it('explains that Salesforce needs a public HTTPS address when the service is not reachable', async () => {
    const element = render({
      namedCredentialUrl: unreachableState.namedCredentialUrl,
      savedServiceUrl: unreachableState.namedCredentialUrl,
      unreachableMessage: unreachableState.serviceError.message,
      actions: unreachableState.serviceError.actions,
      canEdit: true,
    });
    const onRetry = jest.fn();
    element.addEventListener('retry', onRetry);
    await flushPromises();

    expect(textOf(shadowQuery(element, 'h2'))).toBe('The GRAX service is not reachable');
    expect(textOf(shadowQuery(element, '.unreachable-message'))).toContain('Unknown host: grax.acme.example');
    expect(textOf(shadowQuery(element, '[role="alert"]'))).toContain(
      'it needs a public HTTPS address with a certificate from a trusted authority',
    );
    expect(textOf(shadowQuery(element, '.address-in-use'))).toBe('https://grax.acme.example');
    expect(shadowQueryAll(element, '.next-steps li').map(textOf)).toEqual(unreachableState.serviceError.actions);
    expect(shadowQuery(element, 'lightning-input.address-input').value).toBe('https://grax.acme.example');

    shadowQuery(element, 'lightning-button.retry').click();
    expect(onRetry).toHaveBeenCalledTimes(1);
    await expect(element).toBeAccessible();
  });

  it('disables saving while the page is busy', async () => {
    const element = render({ canEdit: true, savedServiceUrl: 'https://grax.acme.example', busy: true });
    await flushPromises();

    expect(shadowQuery(element, 'lightning-button.save-address').disabled).toBe(true);
  });
});
