import GraxConnectionCard from 'c/graxConnectionCard';
import {
  mount,
  resetDom,
  flushPromises,
  shadowQuery,
  textOf,
  typeInto,
} from '../../../../../test/jest-utils/lwcTestUtils';
import statusConnected from '../../graxSetup/__tests__/data/statusConnected.json';
import statusDisconnected from '../../graxSetup/__tests__/data/statusDisconnected.json';
import statusReauthorizationRequired from '../../graxSetup/__tests__/data/statusReauthorizationRequired.json';

function render(connection, properties = {}) {
  return mount('c-grax-connection-card', GraxConnectionCard, { connection, ...properties });
}

describe('c-grax-connection-card', () => {
  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
  });

  it('offers Production or Sandbox and both connect buttons when not connected', async () => {
    const element = render(statusDisconnected.connection);
    const onConnect = jest.fn();
    element.addEventListener('connect', onConnect);
    await flushPromises();

    expect(textOf(shadowQuery(element, '.not-connected'))).toContain('GRAX is not connected to this org yet.');
    const environment = shadowQuery(element, 'lightning-radio-group.environment');
    expect(environment.label).toBe('Environment');
    expect(environment.options.map((option) => option.label)).toEqual(['Production', 'Sandbox']);
    expect(environment.value).toBe('production');
    expect(textOf(shadowQuery(element, 'section'))).toContain(
      'Some Developer and Einstein orgs are considered production orgs by Salesforce.',
    );

    shadowQuery(element, 'lightning-button.connect-auto-config').click();
    expect(onConnect.mock.calls[0][0].detail).toEqual({ environment: 'production', mode: 'auto_config' });

    typeInto(environment, 'sandbox');
    await flushPromises();
    shadowQuery(element, 'lightning-button.connect-manual').click();
    expect(onConnect.mock.calls[1][0].detail).toEqual({ environment: 'sandbox', mode: 'manual' });
    await expect(element).toBeAccessible();
  });

  it('shows the org, integration user, environment, connection time and setup mode when connected', async () => {
    const element = render(statusConnected.connection);
    await flushPromises();

    expect(textOf(shadowQuery(element, '.org-name'))).toBe('Acme Production');
    expect(textOf(shadowQuery(element, '.username'))).toBe('grax.integration@acme.example');
    expect(textOf(shadowQuery(element, '.environment'))).toBe('Production');
    expect(shadowQuery(element, 'lightning-formatted-date-time.connected-since').value).toBe(
      '2026-11-28T10:00:00.000Z',
    );
    expect(textOf(shadowQuery(element, '.mode'))).toBe('Auto Config');
    expect(shadowQuery(element, 'lightning-button.connect-auto-config')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('asks to reconnect with a banner when reauthorization is required', async () => {
    const element = render(statusReauthorizationRequired.connection);
    const onConnect = jest.fn();
    element.addEventListener('connect', onConnect);
    await flushPromises();

    expect(textOf(shadowQuery(element, 'h2'))).toBe('Reconnect GRAX');
    expect(textOf(shadowQuery(element, '.reauth-banner'))).toContain('can no longer use its connection');
    expect(textOf(shadowQuery(element, '.environment'))).toBe('Sandbox');
    expect(textOf(shadowQuery(element, '.mode'))).toBe('Manual (Auto Config skipped)');

    shadowQuery(element, 'lightning-button.connect-auto-config').click();
    expect(onConnect.mock.calls[0][0].detail).toEqual({ environment: 'sandbox', mode: 'auto_config' });
    await expect(element).toBeAccessible();
  });

  it('shows the one-time connect URL as a link that opens a new tab without access back to Salesforce', async () => {
    const element = render(statusDisconnected.connection, {
      connectUrl: 'https://grax.acme.example/web/connect-link/cl_8f2k',
    });
    await flushPromises();

    expect(textOf(shadowQuery(element, '.connect-link p'))).toContain('Your connection page is ready.');
    const link = shadowQuery(element, '.connect-link a');
    expect(link.href).toBe('https://grax.acme.example/web/connect-link/cl_8f2k');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    expect(textOf(link)).toBe('Open the connection page');
    await expect(element).toBeAccessible();
  });

  it('shows no connect link before there is a connect URL', async () => {
    const element = render(statusDisconnected.connection);
    await flushPromises();

    expect(shadowQuery(element, '.connect-link')).toBeNull();
  });

  it('disables connecting while the page is busy', async () => {
    const element = render(statusDisconnected.connection, { busy: true });
    await flushPromises();

    expect(shadowQuery(element, 'lightning-button.connect-auto-config').disabled).toBe(true);
    expect(shadowQuery(element, 'lightning-button.connect-manual').disabled).toBe(true);
  });
});
