import type { PermissionStatusView } from '@service/permissions/engine';
import { permissionSummaryPanel } from '@service/web/views/permissions/summaryPanel';

function status(overrides: Partial<PermissionStatusView['permissions']>): PermissionStatusView {
  return {
    permissions: {
      state: 'unknown',
      lastScanAt: null,
      checkedAt: null,
      summary: { error: 0, warning: 0, info: 0 },
      findings: [],
      ...overrides,
    },
    jobs: [],
  };
}

function text(view: PermissionStatusView): string {
  return String(permissionSummaryPanel(view))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('permission summary panel on the home page', () => {
  it('says only that nothing was checked yet, without a count of zero problems', () => {
    const shown = text(status({}));
    expect(shown).toContain('Not checked yet');
    expect(shown).not.toMatch(/0 errors/);
  });

  it('shows the counts and when they were checked once a check ran', () => {
    const shown = text(
      status({
        state: 'findings',
        checkedAt: '2026-11-28T10:00:00.000Z',
        lastScanAt: '2026-11-28T09:00:00.000Z',
        summary: { error: 2, warning: 1, info: 0 },
      }),
    );
    expect(shown).toContain('2 errors, 1 warnings, 0 notes.');
    expect(shown).toContain('Last checked 28 Nov 2026, 10:00 UTC.');
    expect(shown).toContain('Last scan 28 Nov 2026, 09:00 UTC.');
  });
});
