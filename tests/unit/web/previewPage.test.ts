import type { PlanPreview } from '@service/permissions/preview';
import { previewPage } from '@service/web/views/permissions/previewPage';
import { textOf } from '@test-support/browser';

function preview(addPermissions: PlanPreview['sets'][number]['addPermissions']): PlanPreview {
  return {
    sets: [
      {
        name: 'GRAX_Integration_User',
        label: 'GRAX Integration User',
        action: 'create',
        license: null,
        addPermissions,
      },
    ],
    assignments: [{ set: 'GRAX Integration User', action: 'create' }],
    objects: { covered: 0, create: 0, update: 0, invisible: 0, items: [] },
    fields: { needed: false, create: 0, update: 0, byObject: [] },
    blocked: [],
    writes: 2,
    apiCalls: 4,
  };
}

function text(view: PlanPreview): string {
  return textOf(String(previewPage(view)));
}

describe('Preview changes page', () => {
  it('says why a permission Salesforce requires without listing it is added', () => {
    const shown = text(
      preview([
        { name: 'ModifyAllData', label: 'Modify All Data' },
        { name: 'EditTask', label: 'Edit Tasks', reason: 'required by Salesforce for Modify All Data' },
      ]),
    );
    expect(shown).toContain('Modify All Data, Edit Tasks (required by Salesforce for Modify All Data)');
  });
});
