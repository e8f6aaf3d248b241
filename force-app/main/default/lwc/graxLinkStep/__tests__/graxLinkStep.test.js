import GraxLinkStep from 'c/graxLinkStep';
import {
  mount,
  resetDom,
  flushPromises,
  shadowQuery,
  textOf,
  typeInto,
} from '../../../../../test/jest-utils/lwcTestUtils';

const LINK_KEY = 'gxk_AbCdEfGhIjKlMnOpQrStUv_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

describe('c-grax-link-step', () => {
  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
  });

  it('takes the link key in a masked input and clears it once handed over', async () => {
    const element = mount('c-grax-link-step', GraxLinkStep, { canEdit: true });
    const onSave = jest.fn();
    element.addEventListener('save', onSave);
    await flushPromises();

    const input = shadowQuery(element, 'lightning-input.link-key-input');
    expect(input.type).toBe('password');
    expect(input.label).toBe('Link key');
    expect(input.autocomplete).toBe('off');
    expect(textOf(shadowQuery(element, 'h2'))).toBe('Link this org to GRAX');

    typeInto(input, ` ${LINK_KEY} `);
    await flushPromises();
    shadowQuery(element, 'lightning-button.save-link-key').click();
    await flushPromises();

    expect(onSave.mock.calls[0][0].detail).toEqual({ key: LINK_KEY });
    expect(input.value).toBe('');
    expect(shadowQuery(element, 'lightning-button.save-link-key').disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('offers Save only for text with the link-key format, and says what a link key looks like', async () => {
    const element = mount('c-grax-link-step', GraxLinkStep, { canEdit: true });
    await flushPromises();
    const save = () => shadowQuery(element, 'lightning-button.save-link-key');
    expect(shadowQuery(element, '.format-hint')).toBeNull();

    typeInto(shadowQuery(element, 'lightning-input.link-key-input'), LINK_KEY.slice(0, 40));
    await flushPromises();
    expect(save().disabled).toBe(true);
    expect(textOf(shadowQuery(element, '.format-hint'))).toBe(
      'This is not a link key yet: a link key starts with gxk_ and is 70 characters long.',
    );
    await expect(element).toBeAccessible();

    typeInto(shadowQuery(element, 'lightning-input.link-key-input'), LINK_KEY);
    await flushPromises();
    expect(save().disabled).toBe(false);
    expect(shadowQuery(element, '.format-hint')).toBeNull();
  });

  it('shows why the service refused the stored key', async () => {
    const element = mount('c-grax-link-step', GraxLinkStep, {
      canEdit: true,
      rejection: 'The link key is unknown, revoked or expired.',
    });
    await flushPromises();

    const alert = shadowQuery(element, '[role="alert"]');
    expect(textOf(alert)).toBe(
      'The GRAX service did not accept the stored link key: The link key is unknown, revoked or expired.',
    );
    await expect(element).toBeAccessible();
  });

  it('offers rotation with its own wording in the connected state', async () => {
    const element = mount('c-grax-link-step', GraxLinkStep, { canEdit: true, rotating: true });
    await flushPromises();

    expect(textOf(shadowQuery(element, 'h2'))).toBe('Rotate the link key');
    expect(textOf(shadowQuery(element, 'section'))).toContain('The old key keeps working for 10 minutes.');
  });

  it('points a user who may not edit named credentials to the principal in Setup', async () => {
    const element = mount('c-grax-link-step', GraxLinkStep, { canEdit: false });
    await flushPromises();

    expect(shadowQuery(element, 'lightning-input')).toBeNull();
    expect(textOf(shadowQuery(element, '.no-edit'))).toContain(
      'External Credentials > GRAX_Service > Principals > Link',
    );
    await expect(element).toBeAccessible();
  });
});
