/** Dependent permissions come from PermissionDependency rows: parsing, closure and ordering. */
import { DependencyGraph, parsePermission, type PermissionDependencyRow } from '@service/permissions/dependencies';

const user = (permission: string, required: string): PermissionDependencyRow => ({
  Permission: permission,
  PermissionType: 'User Permission',
  RequiredPermission: required,
  RequiredPermissionType: required.includes('<') ? 'Object Permission' : 'User Permission',
});
const object = (permission: string, required: string): PermissionDependencyRow => ({
  Permission: permission,
  PermissionType: 'Object Permission',
  RequiredPermission: required,
  RequiredPermissionType: 'Object Permission',
});

describe('dependencies', () => {
  it('reads user permissions by API name and object permissions written Object<verb>', () => {
    expect(parsePermission('ModifyAllData', 'User Permission')).toEqual({ kind: 'user', name: 'ModifyAllData' });
    expect(parsePermission('PermissionsViewSetup', 'User Permission')).toEqual({ kind: 'user', name: 'ViewSetup' });
    expect(parsePermission('Invoice__c<update>', 'Object Permission')).toEqual({
      kind: 'object',
      object: 'Invoice__c',
      verb: 'Edit',
    });
    expect(parsePermission('Account<viewAllRecords>', 'Object Permission')).toEqual({
      kind: 'object',
      object: 'Account',
      verb: 'ViewAllRecords',
    });
    expect(parsePermission('Account<teleport>', 'Object Permission')).toBeUndefined();
  });

  it('expands a permission with everything it needs, transitively, requirements first', () => {
    const graph = DependencyGraph.fromRows([
      user('AuthorApex', 'ModifyAllData'),
      user('ModifyAllData', 'ViewAllData'),
      user('AuthorApex', 'ViewSetup'),
    ]);
    expect(graph.userPermissionClosure(['AuthorApex']).user).toEqual([
      'ViewAllData',
      'ModifyAllData',
      'ViewSetup',
      'AuthorApex',
    ]);
  });

  it('reports object requirements of a user permission separately', () => {
    const graph = DependencyGraph.fromRows([user('ConvertLeads', 'Account<create>')]);
    const closure = graph.userPermissionClosure(['ConvertLeads']);
    expect(closure.user).toEqual(['ConvertLeads']);
    expect(closure.objects).toEqual([{ kind: 'object', object: 'Account', verb: 'Create' }]);
  });

  it("adds a detail object's master Read and same-object requirements", () => {
    const graph = DependencyGraph.fromRows([
      object('Line__c<read>', 'Invoice__c<read>'),
      object('Line__c<delete>', 'Line__c<read>'),
      object('Line__c<delete>', 'Line__c<update>'),
    ]);
    const closed = graph.objectClosure(new Map([['line__c', { object: 'Line__c', verbs: ['Delete'] as const }]]));
    expect([...(closed.get('line__c')?.verbs ?? [])].sort()).toEqual(['Delete', 'Edit', 'Read']);
    expect([...(closed.get('invoice__c')?.verbs ?? [])]).toEqual(['Read']);
  });

  it('survives a cycle in the data', () => {
    const graph = DependencyGraph.fromRows([user('A', 'B'), user('B', 'A')]);
    expect(graph.userPermissionClosure(['A']).user.sort()).toEqual(['A', 'B']);
  });
});
