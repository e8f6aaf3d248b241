import GraxApiUsage from 'c/graxApiUsage';
import {
  mount,
  resetDom,
  flushPromises,
  shadowQuery,
  shadowQueryAll,
  textOf,
} from '../../../../../test/jest-utils/lwcTestUtils';
import statusConnected from '../../graxSetup/__tests__/data/statusConnected.json';
import statusDisconnected from '../../graxSetup/__tests__/data/statusDisconnected.json';

describe('c-grax-api-usage', () => {
  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
  });

  it('shows daily API requests used, the service calls and the calls per hour as text', async () => {
    const element = mount('c-grax-api-usage', GraxApiUsage, { apiUsage: statusConnected.apiUsage });
    await flushPromises();

    expect(textOf(shadowQuery(element, '.daily-requests'))).toBe('110 of 15,000');
    expect(textOf(shadowQuery(element, '.service-calls'))).toBe('110');
    const bar = shadowQuery(element, 'lightning-progress-bar');
    expect(bar.value).toBe(1);
    expect(bar.getAttribute('aria-label')).toBe('Daily API requests used');
    const hours = shadowQueryAll(element, '.hourly-bar');
    expect(hours).toHaveLength(3);
    expect(textOf(hours[2])).toMatch(/: 94 calls$/);
    expect(hours[2].querySelector('.hourly-bar-fill').style.height).toBe('100%');
    await expect(element).toBeAccessible();
  });

  it('says the daily limit is not known yet before the first scan', async () => {
    const element = mount('c-grax-api-usage', GraxApiUsage, { apiUsage: statusDisconnected.apiUsage });
    await flushPromises();

    expect(textOf(shadowQuery(element, '.daily-requests'))).toBe('Not known yet.');
    expect(shadowQuery(element, 'lightning-progress-bar')).toBeNull();
    expect(shadowQuery(element, '.hourly-chart')).toBeNull();
    await expect(element).toBeAccessible();
  });
});
