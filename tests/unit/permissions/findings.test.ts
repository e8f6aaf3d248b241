/** Findings say what is wrong and how to fix it, in the admin's words, naming the exact subject. */
import { findSystemPermissionRule } from '@service/permissions/profile';
import {
  findingKey,
  missingFieldEdit,
  missingFieldEditSummary,
  missingObjectAccess,
  missingSystemPermission,
  profileShared,
  setMissing,
  setNotAssigned,
  summarize,
} from '@service/permissions/verify/finding';
import {
  describeFailure,
  describeRefreshFailure,
  describeRunFailure,
  RunRefusal,
} from '@service/permissions/run/adminErrors';
import { RequestLimitExceededError, SalesforceApiError } from '@service/salesforce/apiClient';

describe('findings', () => {
  it('names a missing system permission, its reason, and where to enable it', () => {
    const rule = findSystemPermissionRule('QueryAllFiles');
    if (!rule) throw new Error('rule missing');
    expect(missingSystemPermission(rule)).toEqual({
      severity: 'error',
      code: 'SYSTEM_PERMISSION_MISSING',
      subject: 'System permission: Query All Files',
      message: `The integration user does not have Query All Files. ${rule.reason}`,
      remediation:
        'In Setup > Permission Sets > GRAX Integration User > System Permissions, enable Query All Files, or run Auto Fix.',
    });
  });

  it('points conditional permissions at the Org Access set and makes recommended ones warnings', () => {
    const rule = findSystemPermissionRule('CreateAuditFields');
    if (!rule) throw new Error('rule missing');
    const finding = missingSystemPermission(rule);
    expect(finding.severity).toBe('warning');
    expect(finding.remediation).toContain('GRAX Integration User - Org Access > System Permissions');
  });

  it('lists the missing object verbs in words', () => {
    const f = missingObjectAccess(
      'Invoice__c',
      ['Read', 'ViewAllFields'],
      ['Backups read every field of every object, including fields added later.'],
    );
    expect(f.message).toBe(
      'The integration user lacks Read and View All Fields on Invoice__c. Backups read every field of every object, including fields added later.',
    );
    expect(f.remediation).toBe(
      'In Setup > Permission Sets > GRAX Integration User - Org Access > Object Settings > Invoice__c, enable Read and View All Fields, or run Auto Fix.',
    );
  });

  it('names each field restore cannot write, and summarises thousands per object', () => {
    expect(missingFieldEdit('Account.Rating__c')).toMatchObject({
      subject: 'Field: Account.Rating__c',
      remediation:
        'In Setup > Permission Sets > GRAX Integration User - Org Access > Object Settings > Account, give Rating__c Edit Access, or run Auto Fix.',
    });
    const many = Array.from({ length: 1200 }, (_, i) => `Claim__c.F${i}__c`);
    const summary = missingFieldEditSummary('Claim__c', many);
    expect(summary.subject).toBe('Object: Claim__c (1200 fields)');
    expect(summary.message).toContain('F0__c, F1__c');
    expect(summary.message).toContain('and 1190 more');
  });

  it('tells how to get a missing set and why an unassigned one gives nothing', () => {
    expect(setMissing('template').remediation).toContain(
      'sf project deploy start -m PermissionSet:GRAX_Integration_User',
    );
    expect(setMissing('access').remediation).toContain('--metadata-dir grax-org-access.zip --single-package');
    expect(setNotAssigned('access', 'u@x', 'expired').message).toBe(
      'GRAX Integration User - Org Access gives the integration user u@x nothing: its assignment has expired.',
    );
    expect(setNotAssigned('template', 'u@x', 'sessionBased').remediation).toContain(
      'clear Session Activation Required',
    );
  });

  it('counts findings per severity and keys them by code and subject', () => {
    const list = [profileShared('GRAX Integration', 3), missingFieldEdit('Account.A__c')];
    expect(summarize(list)).toEqual({ error: 1, warning: 1, info: 0 });
    expect(findingKey(list[1]!)).toBe('FIELD_EDIT_MISSING|Field: Account.A__c');
    expect(list[0]?.message).toBe("The integration user's profile is also used by 3 other active users.");
  });
});

describe('admin wording of Salesforce errors', () => {
  it('turns a refused permission set write into the next step to take', () => {
    expect(
      describeFailure(
        'Permission set GRAX Integration User',
        'createSet',
        'INSUFFICIENT_ACCESS_OR_READONLY',
        'insufficient access rights',
      ),
    ).toEqual({
      item: 'Permission set GRAX Integration User',
      errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
      message: 'Permission set GRAX Integration User: the connected user cannot create or edit permission sets.',
      nextStep:
        'Connect as a user with Manage Profiles and Permission Sets and Assign Permission Sets, or choose Skip Auto Config.',
    });
  });

  it('explains license refusals', () => {
    const f = describeFailure(
      'Assignment',
      'assign',
      'FIELD_INTEGRITY_EXCEPTION',
      "The user license doesn't allow the permission: Modify All Data",
    );
    expect(f.message).toContain(
      "license does not allow it (The user license doesn't allow the permission: Modify All Data)",
    );
  });

  it('says a spent allowance stops the run and when to run again', () => {
    expect(describeRunFailure(new RequestLimitExceededError(), 'Auto Config')).toMatchObject({
      code: 'REQUEST_LIMIT_EXCEEDED',
      message: "Auto Config stopped: the org's daily API allowance is used up, so Salesforce refuses every call.",
    });
    expect(
      describeRunFailure(new SalesforceApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'), 'Verify')
        .actions,
    ).toEqual(['Reconnect in Settings > Salesforce with Update.']);
    expect(describeRunFailure(new RunRefusal('NOT_PERMITTED', 'No.', ['Do this.']), 'Auto Config')).toEqual({
      code: 'NOT_PERMITTED',
      message: 'No.',
      actions: ['Do this.'],
    });
    expect(describeRunFailure(new Error('boom at line 3'), 'Auto Config').message).not.toContain('boom');
  });

  it("passes on an error that already says what to do (the token provider's), and names a deactivated user", () => {
    const reconnect = Object.assign(new Error('Salesforce no longer accepts the authorization.'), {
      code: 'RECONNECT_REQUIRED',
      actions: ['Reconnect in Settings > Salesforce.'],
    });
    expect(describeRunFailure(reconnect, 'Verify')).toEqual({
      code: 'RECONNECT_REQUIRED',
      message: 'Salesforce no longer accepts the authorization.',
      actions: ['Reconnect in Settings > Salesforce.'],
    });
    expect(describeRefreshFailure(new Error('invalid_grant: inactive user'), 'The permission scan').message).toBe(
      "The permission scan stopped: the integration user was deactivated in Salesforce, so GRAX's session no longer works.",
    );
  });
});
