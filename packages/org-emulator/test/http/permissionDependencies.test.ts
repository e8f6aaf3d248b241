/**
 * Dependencies Salesforce enforces without listing them, in the three org shapes a REST client can meet: the default
 * (no PermissionDependency rows for Modify All Data, the save refused with labels), the documented one (rows listed)
 * and an org with Forecasts (more requirements, clauses joined by '; '); and the Tooling PermissionDependency paging
 * quirk (LIMIT ignored, Query More serving a batch again).
 */
import type { Connection } from 'jsforce';
import type { EmulatorOptions, RunningEmulator } from '../../src/index';
import { userPermissionRequirements } from '../../src/org/permissions/dependencies';
import { ACME_INTEGRATION, API_VERSION, connect, startTestEmulator } from './support/emulator';

type Row = { Id: string; Permission: string; RequiredPermission: string };
type Page = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Row[] };

async function withOrg<T>(
  options: EmulatorOptions,
  body: (conn: Connection, emulator: RunningEmulator) => Promise<T>,
): Promise<T> {
  const emulator = await startTestEmulator(options);
  try {
    const { conn } = await connect(emulator.productionLoginUrl, ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    return await body(conn, emulator);
  } finally {
    await emulator.close();
  }
}

const flags = (names: readonly string[]): Record<string, boolean> =>
  Object.fromEntries(names.map((n) => [`Permissions${n}`, true]));

async function createSet(conn: Connection, name: string, fields: Record<string, boolean>): Promise<unknown> {
  const res = await fetch(`${conn.instanceUrl}/services/data/v${API_VERSION}/sobjects/PermissionSet`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ Name: name, Label: name.replace(/_/g, ' '), ...fields }),
  });
  return { status: res.status, body: await res.json() };
}

async function madRows(conn: Connection): Promise<string[]> {
  const result = await conn.tooling.query<Row>(
    "SELECT Id, Permission, RequiredPermission FROM PermissionDependency WHERE Permission = 'ModifyAllData'",
  );
  return result.records.map((r) => r.RequiredPermission);
}

async function toolingGet(conn: Connection, pathOrSoql: { soql?: string; url?: string }): Promise<Page> {
  const url = pathOrSoql.url
    ? `${conn.instanceUrl}${pathOrSoql.url}`
    : `${conn.instanceUrl}/services/data/v${API_VERSION}/tooling/query?q=${encodeURIComponent(pathOrSoql.soql ?? '')}`;
  const res = await fetch(url, {
    headers: { Authorization: `Bearer ${conn.accessToken}`, 'Sforce-Query-Options': 'batchSize=200' },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

describe('dependencies Salesforce enforces without listing them', () => {
  it('by default lists no rows for Modify All Data and refuses it without its requirements, naming them by label', async () => {
    await withOrg({}, async (conn) => {
      expect(await madRows(conn)).toEqual([]);
      expect(await createSet(conn, 'Mad_Default', flags(['ModifyAllData', 'ViewAllData']))).toEqual({
        status: 400,
        body: [
          {
            errorCode: 'FIELD_INTEGRITY_EXCEPTION',
            message:
              'Permission Modify All Data depends on permission(s): View Setup and Configuration, Edit Events, Edit Tasks, Import Leads, Manage Categories, Manage Public List Views, Run Reports, Transfer Record, Transfer Leads, Use Team Reassignment Wizards',
            fields: [],
          },
        ],
      });
      const all = ['ModifyAllData', ...userPermissionRequirements('ModifyAllData')];
      expect(await createSet(conn, 'Mad_Complete', flags(all))).toMatchObject({ status: 201 });
    });
  });

  it('lists the same requirements as PermissionDependency rows when the org shape says so (the documented case)', async () => {
    await withOrg({ orgShapes: { acmeProduction: { dependencyRows: 'listed' } } }, async (conn) => {
      expect((await madRows(conn)).sort()).toEqual([...userPermissionRequirements('ModifyAllData')].sort());
      expect(await createSet(conn, 'Mad_Listed', flags(['ModifyAllData', 'ViewAllData']))).toMatchObject({
        status: 400,
        body: [{ errorCode: 'FIELD_INTEGRITY_EXCEPTION' }],
      });
    });
  });

  it('requires the forecast permissions too in an org with Forecasts, one clause per permission joined by "; "', async () => {
    await withOrg({ orgShapes: { acmeProduction: { forecasts: true } } }, async (conn) => {
      expect(await madRows(conn)).toEqual([]);
      const base = ['ModifyAllData', ...userPermissionRequirements('ModifyAllData')];
      expect(await createSet(conn, 'Mad_Forecasts', flags(base))).toEqual({
        status: 400,
        body: [
          {
            errorCode: 'FIELD_INTEGRITY_EXCEPTION',
            message:
              'Permission Modify All Data depends on permission(s): Manage Quotas, Override Forecasts, View All Forecasts; Permission View All Data depends on permission(s): View All Forecasts',
            fields: [],
          },
        ],
      });
      const forecastOrg = userPermissionRequirements('ModifyAllData', { dependencyRows: 'unlisted', forecasts: true });
      expect(await createSet(conn, 'Mad_Forecasts_Complete', flags(['ModifyAllData', ...forecastOrg]))).toMatchObject({
        status: 201,
      });
    });
  });
});

describe('Tooling PermissionDependency paging', () => {
  it('ignores LIMIT, and paging by nextRecordsUrl repeats a batch and misses rows; walking by Id gets each row once', async () => {
    // A medium org (about 200 objects) has enough rows for several pages.
    await withOrg({ orgSize: 'medium' }, async (conn) => {
      const soql = 'SELECT Id, Permission, RequiredPermission FROM PermissionDependency';
      const limited = await toolingGet(conn, { soql: `${soql} LIMIT 5` });
      expect(limited.records).toHaveLength(200);
      const total = limited.totalSize;
      expect(total).toBeGreaterThan(400);

      // Plain paging, as a client that trusts Query More would.
      const paged: string[] = [];
      let page = await toolingGet(conn, { soql });
      paged.push(...page.records.map((r) => r.Id));
      while (!page.done && page.nextRecordsUrl) {
        page = await toolingGet(conn, { url: page.nextRecordsUrl });
        paged.push(...page.records.map((r) => r.Id));
      }
      expect(paged).toHaveLength(total);
      expect(new Set(paged).size).toBe(total - 200);

      // Walking by Id, first pages only.
      const walked = new Map<string, Row>();
      let last = '';
      for (;;) {
        const where = last ? ` WHERE Id > '${last}'` : '';
        const first = await toolingGet(conn, { soql: `${soql}${where} ORDER BY Id` });
        for (const r of first.records) walked.set(r.Id, r);
        last = first.records.at(-1)?.Id ?? last;
        if (first.done) break;
      }
      expect(walked.size).toBe(total);
      expect(paged.filter((id) => !walked.has(id))).toEqual([]);
    });
  });
});
