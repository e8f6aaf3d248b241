/**
 * Findings: what Verify, Auto Config and monitoring report, each with a code, the thing it is about, what is wrong
 * and how to fix it, worded for a Salesforce admin. All wording lives here so the web app, the org API and alerts
 * say the same thing.
 */
import { OBJECT_VERB_LABELS, PERMISSION_SETS, type ObjectVerb, type SystemPermissionRule } from '../profile';

/** error: a chosen feature fails; warning: it works but misses something or is risky; info: worth knowing. */
export type Severity = 'error' | 'warning' | 'info';

/** One finding, as docs/org-api.md's status JSON carries it. */
export interface Finding {
  severity: Severity;
  code: string;
  subject: string;
  message: string;
  remediation: string;
}

const ACCESS = PERMISSION_SETS.access;
const TEMPLATE = PERMISSION_SETS.template;
const AUTO_FIX = 'or run Auto Fix.';

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A system permission the integration user lacks. */
export function missingSystemPermission(rule: SystemPermissionRule): Finding {
  const target = rule.condition ? ACCESS.label : TEMPLATE.label;
  return {
    severity: rule.level === 'required' ? 'error' : 'warning',
    code: 'SYSTEM_PERMISSION_MISSING',
    subject: `System permission: ${rule.label}`,
    message: `The integration user does not have ${rule.label}. ${rule.reason}`,
    remediation: `In Setup > Permission Sets > ${target} > System Permissions, enable ${rule.label}, ${AUTO_FIX}`,
  };
}

/** Object verbs the integration user lacks on an object. */
export function missingObjectAccess(object: string, verbs: readonly ObjectVerb[], reasons: readonly string[]): Finding {
  const labels = verbs.map((v) => OBJECT_VERB_LABELS[v]);
  return {
    severity: 'error',
    code: 'OBJECT_ACCESS_MISSING',
    subject: `Object: ${object}`,
    message: `The integration user lacks ${list(labels)} on ${object}. ${reasons.join(' ')}`.trim(),
    remediation: `In Setup > Permission Sets > ${ACCESS.label} > Object Settings > ${object}, enable ${list(labels)}, ${AUTO_FIX}`,
  };
}

/** A field restore cannot write back. */
export function missingFieldEdit(field: string): Finding {
  const [object = field, name = field] = field.split('.');
  return {
    severity: 'error',
    code: 'FIELD_EDIT_MISSING',
    subject: `Field: ${field}`,
    message: `The integration user cannot edit ${field}, so restore cannot write it back.`,
    remediation: `In Setup > Permission Sets > ${ACCESS.label} > Object Settings > ${object}, give ${name} Edit Access, ${AUTO_FIX}`,
  };
}

/** Many fields of one object restore cannot write back (one finding instead of thousands). */
export function missingFieldEditSummary(object: string, fields: readonly string[]): Finding {
  const shown = fields.slice(0, 10).map((f) => f.slice(f.indexOf('.') + 1));
  const more = fields.length > shown.length ? ` and ${fields.length - shown.length} more` : '';
  return {
    severity: 'error',
    code: 'FIELD_EDIT_MISSING',
    subject: `Object: ${object} (${fields.length} fields)`,
    message: `The integration user cannot edit ${fields.length} fields of ${object} (${shown.join(', ')}${more}), so restore cannot write them back.`,
    remediation: `In Setup > Permission Sets > ${ACCESS.label} > Object Settings > ${object}, give these fields Edit Access, ${AUTO_FIX}`,
  };
}

/** A GRAX permission set that does not exist. */
export function setMissing(role: 'template' | 'access'): Finding {
  const def = PERMISSION_SETS[role];
  return {
    severity: 'error',
    code: 'PERMISSION_SET_MISSING',
    subject: `Permission set: ${def.label}`,
    message: `The permission set ${def.label} (${def.name}) does not exist in this org.`,
    remediation:
      role === 'template'
        ? `Run Auto Config, or deploy the template from the GRAX Connect project (sf project deploy start -m PermissionSet:${def.name}: it is in the integration-user folder). Installing the package does not create it.`
        : `Download the org access metadata in Settings > Salesforce and deploy it (sf project deploy start --metadata-dir grax-org-access.zip --single-package), or run Auto Config.`,
  };
}

/** A GRAX permission set whose API name was changed. */
export function setRenamed(role: 'template' | 'access', currentName: string): Finding {
  const def = PERMISSION_SETS[role];
  return {
    severity: 'error',
    code: 'PERMISSION_SET_RENAMED',
    subject: `Permission set: ${def.label}`,
    message: `The permission set ${def.label} was renamed to ${currentName}; GRAX and package upgrades look for ${def.name}.`,
    remediation: `In Setup > Permission Sets > ${def.label} > Edit, set the API Name back to ${def.name}.`,
  };
}

/** A GRAX permission set that is not assigned (or whose assignment expired or needs session activation). */
export function setNotAssigned(
  role: 'template' | 'access',
  username: string,
  why: 'missing' | 'expired' | 'sessionBased',
): Finding {
  const def = PERMISSION_SETS[role];
  const detail =
    why === 'expired'
      ? 'its assignment has expired'
      : why === 'sessionBased'
        ? 'it needs session activation, which API sessions never have'
        : 'it is not assigned';
  return {
    severity: 'error',
    code: 'PERMISSION_SET_NOT_ASSIGNED',
    subject: `Permission set: ${def.label}`,
    message: `${def.label} gives the integration user ${username} nothing: ${detail}.`,
    remediation:
      why === 'sessionBased'
        ? `In Setup > Permission Sets > ${def.label} > Edit, clear Session Activation Required.`
        : `In Setup > Users > ${username} > Permission Set Assignments, assign ${def.label} with no expiration date, ${AUTO_FIX}`,
  };
}

/** The integration user is inactive. */
export function userInactive(username: string): Finding {
  return {
    severity: 'error',
    code: 'USER_INACTIVE',
    subject: `User: ${username}`,
    message: `The integration user ${username} is inactive, so GRAX cannot sign in as it.`,
    remediation: `In Setup > Users > ${username} > Edit, select Active, then reconnect GRAX in Settings > Salesforce.`,
  };
}

/** A license conflict on a GRAX set. */
export function licenseConflictFinding(setLabel: string, message: string): Finding {
  return {
    severity: 'error',
    code: 'LICENSE_CONFLICT',
    subject: `Permission set: ${setLabel}`,
    message,
    remediation: `Delete the permission set in Setup > Permission Sets and run Auto Config (it re-creates it with a fitting license), or give the integration user that license.`,
  };
}

/** The integration user's profile is shared with other active users. */
export function profileShared(profileName: string, others: number): Finding {
  return {
    severity: 'warning',
    code: 'PROFILE_SHARED',
    subject: `Profile: ${profileName}`,
    message: `The integration user's profile is also used by ${others} other active user${others === 1 ? '' : 's'}.`,
    remediation:
      'Give the integration user a profile of its own (Setup > Profiles > Clone), so changes for other users cannot break backups.',
  };
}

/** LoginHistory shows another application signing in as the integration user. */
export function otherApplication(application: string, logins: number, username: string): Finding {
  return {
    severity: 'warning',
    code: 'USER_SHARED_WITH_APPLICATION',
    subject: `Application: ${application}`,
    message: `${application} signed in as the integration user ${username} ${logins} time${logins === 1 ? '' : 's'} in the last 30 days.`,
    remediation:
      'Use a dedicated integration user for GRAX only: another application sharing it can change or exhaust its access.',
  };
}

/** A person signed into the GRAX web app as the integration user. */
export function personSignedInAsIntegrationUser(username: string, count: number): Finding {
  return {
    severity: 'warning',
    code: 'USER_USED_BY_PERSON',
    subject: `User: ${username}`,
    message: `Someone signed into the GRAX web app as the integration user ${username} (${count} time${count === 1 ? '' : 's'}).`,
    remediation: 'People should sign in with their own Salesforce user; keep the integration user for GRAX alone.',
  };
}

/** Objects the integration user cannot see, so their fields could not be checked. */
export function objectNotDescribable(object: string, message: string): Finding {
  return {
    severity: 'warning',
    code: 'OBJECT_NOT_VISIBLE',
    subject: `Object: ${object}`,
    message: `The integration user cannot see ${object} (${message}), so its fields could not be checked.`,
    remediation: `Give the integration user Read and View All Fields on ${object}, ${AUTO_FIX}`,
  };
}

/** GRAX's session with Salesforce no longer works. */
export function tokenProblem(message: string, nextStep = 'Reconnect GRAX in Settings > Salesforce (Update).'): Finding {
  return {
    severity: 'error',
    code: 'TOKEN_INVALID',
    subject: 'Salesforce connection',
    message,
    remediation: `${nextStep} Backups and monitoring stop until then.`,
  };
}

/** Counts per severity. */
export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

/** A stable key of a finding, to tell new findings from known ones. */
export function findingKey(f: Finding): string {
  return `${f.code}|${f.subject}`;
}
