import GraxPermissionChecklist from 'c/graxPermissionChecklist';
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

describe('c-grax-permission-checklist', () => {
  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
  });

  it('groups findings by severity, errors first, each with its remediation', async () => {
    const element = mount('c-grax-permission-checklist', GraxPermissionChecklist, {
      permissions: statusConnected.permissions,
    });
    await flushPromises();

    const groups = shadowQueryAll(element, '.severity-group');
    expect(groups.map((group) => textOf(group.querySelector('h3')))).toEqual([
      'Errors (1)',
      'Warnings (1)',
      'Information (1)',
    ]);
    const error = groups[0].querySelector('.finding');
    expect(textOf(error.querySelector('.finding-subject'))).toBe('Field: Account.Credit_Limit__c');
    expect(textOf(error.querySelector('.finding-remediation'))).toBe(
      'How to fix: Run Auto Fix, or give GRAX Integration User - Org Access View All Fields on Account.',
    );
    expect(groups[2].querySelector('.finding-remediation')).toBeNull();
    expect(textOf(shadowQuery(element, '.permission-state'))).toBe(
      'Verify found problems with the integration user’s access.',
    );
    expect(shadowQuery(element, 'lightning-formatted-date-time.last-scan').value).toBe('2026-11-28T10:05:00.000Z');
    await expect(element).toBeAccessible();
  });

  it('says nothing was checked yet before the first Verify', async () => {
    const element = mount('c-grax-permission-checklist', GraxPermissionChecklist, {
      permissions: statusDisconnected.permissions,
    });
    await flushPromises();

    expect(textOf(shadowQuery(element, '.permission-state'))).toBe('Not checked yet: run Verify.');
    expect(textOf(shadowQuery(element, '.never-scanned'))).toBe('Never');
    expect(shadowQueryAll(element, '.severity-group')).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it('reports drift found by a scan', async () => {
    const element = mount('c-grax-permission-checklist', GraxPermissionChecklist, {
      permissions: { ...statusConnected.permissions, state: 'drift' },
    });
    await flushPromises();

    expect(textOf(shadowQuery(element, '.permission-state'))).toBe('Access broke since the last good scan.');
  });
});
