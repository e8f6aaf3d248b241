/**
 * Learning from Salesforce's "depends on permission(s)" refusals: parsing every clause, mapping labels to API names
 * with the PermissionSet describe's labels, stopping with the admin's next step on a label no field carries, and
 * planning what earlier runs learnt (with the reason Preview changes shows).
 */
import {
  isDependencyRefusal,
  knownRequirementsOf,
  LearnedDependencyStore,
  mapClauses,
  parseDependencyMessage,
  requirementReason,
  unknownRequirementRefusal,
  type LearnedRequirement,
} from '@service/permissions/learnedDependencies';
import { decideSets } from '@service/permissions/steps/setsStep';
import { FEATURES } from '@service/permissions/profile';
import { describeRunFailure } from '@service/permissions/run/adminErrors';
import type { JsonValue } from '@service/domain/json';
import { access } from '@test-support/accessBuilder';

const LABELS = new Map(
  [
    ['Modify All Data', 'ModifyAllData'],
    ['View All Data', 'ViewAllData'],
    ['Edit Tasks', 'EditTask'],
    ['Transfer Leads', 'TransferAnyLead'],
    ['Manage Quotas', 'ManageQuotas'],
    ['View All Forecasts', 'ViewAllForecasts'],
    ['Send Email, Mass', 'MassEmail'],
  ].map(([label, name]) => [String(label).toLowerCase(), String(name)]),
);

describe('parsing a refusal', () => {
  it('reads every clause of a message joined by "; " (a quoted real error)', () => {
    expect(
      parseDependencyMessage(
        'Permission Convert Leads depends on permission(s): Create Account; Permission Read All Asset depends on permission(s): Read All Account',
      ),
    ).toEqual([
      { permission: 'Convert Leads', requires: ['Create Account'] },
      { permission: 'Read All Asset', requires: ['Read All Account'] },
    ]);
  });

  it('splits the labels of one clause on ", "', () => {
    expect(
      parseDependencyMessage('Permission Modify All Data depends on permission(s): View All Data, Edit Tasks'),
    ).toEqual([{ permission: 'Modify All Data', requires: ['View All Data', 'Edit Tasks'] }]);
  });

  it('tells a dependency refusal from other FIELD_INTEGRITY_EXCEPTIONs', () => {
    expect(isDependencyRefusal('FIELD_INTEGRITY_EXCEPTION', 'Permission X depends on permission(s): Y')).toBe(true);
    expect(isDependencyRefusal('FIELD_INTEGRITY_EXCEPTION', "The user license doesn't allow the permission: X")).toBe(
      false,
    );
    expect(isDependencyRefusal('INVALID_FIELD', 'Permission X depends on permission(s): Y')).toBe(false);
  });
});

describe('mapping labels to API names', () => {
  it('maps each label through the describe labels, any case, and names what requires it', () => {
    const clauses = parseDependencyMessage(
      'Permission Modify All Data depends on permission(s): edit tasks, Manage Quotas; Permission View All Data depends on permission(s): View All Forecasts',
    );
    expect(mapClauses(clauses, LABELS)).toEqual({
      ok: true,
      requirements: [
        { requiredBy: 'ModifyAllData', requiredByLabel: 'Modify All Data', name: 'EditTask', label: 'edit tasks' },
        {
          requiredBy: 'ModifyAllData',
          requiredByLabel: 'Modify All Data',
          name: 'ManageQuotas',
          label: 'Manage Quotas',
        },
        {
          requiredBy: 'ViewAllData',
          requiredByLabel: 'View All Data',
          name: 'ViewAllForecasts',
          label: 'View All Forecasts',
        },
      ],
    });
  });

  it('joins back a label that contains a comma', () => {
    const mapped = mapClauses(
      parseDependencyMessage('Permission Modify All Data depends on permission(s): Send Email, Mass, Edit Tasks'),
      LABELS,
    );
    expect(mapped.ok && mapped.requirements.map((r) => r.name)).toEqual(['MassEmail', 'EditTask']);
  });

  it('reports a label no field carries, and the refusal says what to enable where', () => {
    const message = 'Permission Modify All Data depends on permission(s): Edit Tasks, Gérer les quotas';
    const mapped = mapClauses(parseDependencyMessage(message), LABELS);
    expect(mapped).toEqual({ ok: false, unknown: [{ label: 'Gérer les quotas', requiredBy: 'Modify All Data' }] });
    if (mapped.ok) return;
    const failure = describeRunFailure(
      unknownRequirementRefusal('GRAX Integration User', mapped.unknown, message),
      'Auto Config',
    );
    expect(failure.code).toBe('DEPENDENCY_UNKNOWN');
    expect(failure.message).toContain('Salesforce requires Gérer les quotas for Modify All Data');
    expect(failure.actions).toEqual([
      'In Setup > Permission Sets > GRAX Integration User, enable Gérer les quotas (Salesforce requires it for Modify All Data), then run Auto Config again.',
    ]);
  });
});

const learnt = (requiredBy: string, name: string, label: string): LearnedRequirement => ({
  requiredBy,
  requiredByLabel: requiredBy === 'ModifyAllData' ? 'Modify All Data' : 'View All Data',
  name,
  label,
});

describe('what earlier runs learnt', () => {
  const known = [
    learnt('ModifyAllData', 'EditTask', 'Edit Tasks'),
    learnt('ModifyAllData', 'ViewAllData', 'View All Data'),
    learnt('ViewAllData', 'ViewAllForecasts', 'View All Forecasts'),
  ];

  it('follows requirements of requirements, once each', () => {
    expect(knownRequirementsOf(['ModifyAllData'], known).map((r) => r.name)).toEqual([
      'EditTask',
      'ViewAllData',
      'ViewAllForecasts',
    ]);
    expect(knownRequirementsOf(['ApiEnabled'], known)).toEqual([]);
  });

  it('puts them into the plan of a set that gets Modify All Data, with the reason', () => {
    const a = access();
    a.availablePermissions.add('EditTask');
    a.availablePermissions.add('ViewAllForecasts');
    const plan = decideSets(FEATURES, a, undefined, known);
    const withMad = plan.sets.find((s) => s.addPermissions.includes('ModifyAllData'));
    expect(withMad?.addPermissions).toEqual(expect.arrayContaining(['EditTask', 'ViewAllForecasts']));
    expect(withMad?.required.map((r) => [r.name, requirementReason(r)]).sort()).toEqual([
      ['EditTask', 'required by Salesforce for Modify All Data'],
      ['ViewAllForecasts', 'required by Salesforce for View All Data'],
    ]);
  });

  it('are kept per org in the settings store, merged without duplicates', async () => {
    const values = new Map<string, JsonValue>();
    const store = new LearnedDependencyStore({
      get: async (key) => values.get(key),
      set: async (key, value) => {
        values.set(key, value);
      },
    });
    await store.remember('00D1', [known[0] as LearnedRequirement]);
    await store.remember('00D1', known);
    expect(await store.load('00D1')).toEqual(known);
    expect(await store.load('00D2')).toEqual([]);
  });
});
