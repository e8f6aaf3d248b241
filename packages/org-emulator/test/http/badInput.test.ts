/**
 * Bad input never crashes the emulator or gets a 500: each malformed request below gets a 4xx answer, and the
 * emulator keeps serving afterwards.
 */
import type { RunningEmulator } from '../../src/index';
import { API_VERSION, DEMO_USERS, startTestEmulator } from './support/emulator';

let emulator: RunningEmulator;
let token: string;
let acme: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  const issued = emulator.control.issueToken({ username: DEMO_USERS.acmeProduction.ssoAdmin.username });
  token = issued.access_token;
  acme = issued.instance_url;
});
afterAll(() => emulator.close());

const v = `/services/data/v${API_VERSION}`;
const BODIES = [
  '',
  'null',
  '"text"',
  '[1,2]',
  '{',
  '{"records": "x"}',
  '{"records": [null, 1, "a"]}',
  '{"compositeRequest": [null]}',
];

type Case = [method: string, path: string, body?: string, contentType?: string];

const restCases: Case[] = [
  ['GET', `${v}/sobjects/%E0%A4%A`],
  ['GET', `${v}/sobjects/Account/${'0'.repeat(400)}`],
  ['GET', `${v}/sobjects/Account/001!bad`],
  ['PATCH', `${v}/sobjects/Account/not-an-id`, '{"Name":"x"}'],
  ['DELETE', `${v}/sobjects/Nope__c/001000000000000AAA`],
  ['GET', `${v}/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = '")}`],
  ['GET', `${v}/query?q=${encodeURIComponent('SELECT')}`],
  ['GET', `${v}/query/not-a-locator`],
  ['GET', `${v}/query/01gAAAAAAAAAAAAAAA-99999999999999999999`],
  ['GET', `${v}/queryAll?q=${encodeURIComponent('SELECT COUNT(Id), Name FROM Account')}`],
  ['GET', `${v}/tooling/query?q=${encodeURIComponent('SELECT Id FROM Nope')}`],
  ['GET', `${v}/composite/sobjects/Account?ids=${'x,'.repeat(300)}`],
  ['GET', `${v}/named-credentials/credential`],
  ['GET', `${v}/named-credentials/credential?externalCredential=GRAX_Service&principalType=Nope`],
  ['GET', `${v}/jobs/ingest/750000000000000AAA`],
  ['PUT', `${v}/jobs/ingest/nope/batches`, 'a,b\n1,2', 'text/csv'],
  ['PATCH', `${v}/jobs/ingest/nope`, '{"state":"UploadComplete"}'],
  ['OPTIONS', `${v}/sobjects`],
];
for (const body of BODIES) {
  restCases.push(
    ['POST', `${v}/sobjects/Account`, body],
    ['PATCH', `${v}/sobjects/Project__c/Code__c/X`, body],
    ['POST', `${v}/composite/sobjects`, body],
    ['PATCH', `${v}/composite/sobjects`, body],
    ['POST', `${v}/composite/sobjects/Account`, body],
    ['PATCH', `${v}/composite/sobjects/Project__c/Code__c`, body],
    ['POST', `${v}/composite`, body],
    ['POST', `${v}/composite/batch`, body],
    ['POST', `${v}/named-credentials/credential`, body],
    ['POST', `${v}/jobs/ingest`, body],
  );
}

const otherCases: Case[] = [
  ['DELETE', `${v}/composite/sobjects?ids=junk,001000000000000AAA`],
  ['GET', '/services/oauth2/authorize'],
  ['GET', '/services/oauth2/authorize?client_id=%ZZ'],
  ['POST', '/', '', 'application/x-www-form-urlencoded'],
  ['POST', '/', 'oauthRequest=nope&username=x&pw=y', 'application/x-www-form-urlencoded'],
  ['POST', '/setup/secur/RemoteAccessAuthorizationPage.apexp', 'garbage=%%', 'application/x-www-form-urlencoded'],
  ['POST', '/services/oauth2/token', ''],
  ['POST', '/services/oauth2/token', 'grant_type=authorization_code', 'application/x-www-form-urlencoded'],
  ['POST', '/services/oauth2/revoke', ''],
  ['GET', '/id/x/y'],
  ['GET', `/id/${'0'.repeat(18)}/${'0'.repeat(18)}?oauth_token=x`],
  ['GET', '/services/oauth2/userinfo'],
];

async function send([method, path, body, contentType = 'application/json']: Case, auth: boolean): Promise<number> {
  const res = await fetch(`${acme}${path}`, {
    method,
    headers: { ...(auth ? { Authorization: `Bearer ${token}` } : {}), 'content-type': contentType },
    body: body === undefined || method === 'GET' ? undefined : body,
    redirect: 'manual',
  });
  await res.arrayBuffer();
  return res.status;
}

describe('bad input', () => {
  it.each(restCases)('answers %s %s with a 4xx', async (...c) => {
    const status = await send(c, true);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it.each(otherCases)('answers %s %s without a server error', async (...c) => {
    const status = await send(c, false);
    expect(status).toBeLessThan(500);
  });

  it('answers bad control API input with 400 and keeps serving', async () => {
    for (const body of BODIES) {
      for (const path of [
        '/faults',
        '/tokens/expire',
        '/allowance/spend',
        '/data/custom-object',
        '/data/user-active',
      ]) {
        const res = await fetch(`${emulator.controlUrl}${path}`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
    }
    const ok = await fetch(`${acme}${v}/limits`, { headers: { Authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
  });
});
