/**
 * `npm start`. Without SF_CLIENT_ID it runs the demo: the Salesforce org emulator on 127.0.0.1:EMULATOR_PORT (3001,
 * production login host) and EMULATOR_SANDBOX_PORT (3002, sandbox login host) with the demo External Client App
 * registered for `${PUBLIC_URL}/oauth/callback` and the project's package (force-app, converted with `sf project convert
 * source`) installed into both Acme orgs as a package install would, since that is how admins meet GRAX; then GRAX
 * Connect on PORT (3000) with the emulator's hosts allowed as login hosts; it prints where each really listens, what
 * the install gave, the demo users and the setup token. With SF_CLIENT_ID set it runs
 * the service alone against real Salesforce. Ctrl-C stops everything. DATA_DIR (default ./data) keeps copies apart.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, withDemoClientApp } from '../service/src/config';
import type { StartupAccess } from '../service/src/connection/startupAccess';
import type { RunningGrax } from '../service/src/main';
import { main, reportInvalidConfig, reportStartFailure, startGrax } from '../service/src/main';
// Types only: the emulator (a development package) is loaded by a dynamic import in demo mode, so a start against real
// Salesforce never loads it.
import type * as EmulatorPackage from '@grax-connect/org-emulator';
import type { InstallReport, RunningEmulator } from '@grax-connect/org-emulator';

type Emulator = typeof EmulatorPackage;

function portOf(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new ConfigError([`${name}: must be a whole number between 0 and 65535`]);
  }
  return Number(value);
}

function uniqueOrigins(values: (string | undefined)[]): string {
  return [
    ...new Set(
      values
        .flatMap((v) => (v ?? '').split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ].join(',');
}

function instanceUrlOf(emulator: RunningEmulator, orgId: string): string {
  return emulator.orgs.find((org) => org.id === orgId)?.instanceUrl ?? '(not running)';
}

/** The setup-token line and the first step, true for the state the data directory is in. */
function accessLines(access: StartupAccess, token: string | null, dataDir: string): string[] {
  switch (access.kind) {
    case 'first_run':
      return [
        access.token === 'configured'
          ? '  Setup token (first connection only, works once): the value of GRAX_SETUP_TOKEN'
          : `  Setup token (first connection only, works once): ${token ?? '(not printed)'}`,
        '',
        '  1. Open GRAX Connect, keep Production, enter the setup token, choose Connect with Auto Config.',
      ];
    case 'connected':
      return [
        `  Setup token:         not needed (GRAX is connected to ${access.orgName} in this data directory)`,
        '',
        '  1. Open GRAX Connect and log in (step 3); Settings > Salesforce changes the connection.',
      ];
    case 'not_connected': {
      const why = access.state === 'disconnected' ? 'GRAX was reset' : 'GRAX needs to be reconnected';
      return access.localAdmin
        ? [
            `  Setup token:         not needed (${why}; a local admin is active)`,
            '',
            '  1. Open GRAX Connect, log in with your local admin, then connect with Auto Config.',
          ]
        : [
            `  Setup token:         ${why} and no local admin is active: get a one-time token with`,
            `                       DATA_DIR=${dataDir} npm run setup-token`,
            '',
            '  1. Open GRAX Connect, keep Production, enter that token, choose Connect with Auto Config.',
          ];
    }
  }
}

const PROJECT_DIR = path.resolve(__dirname, '..');

/** The package as the demo installs it: the project's package directory in Metadata API format, or why not. */
async function convertedPackage(
  emulatorPackage: Emulator,
): Promise<{ metadataDir: string; packageName: string } | { problem: string }> {
  try {
    return await emulatorPackage.convertPackage(PROJECT_DIR);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** One line on what the package install gave the Acme orgs. */
function installSummary(installs: InstallReport[], problem: string | undefined): string[] {
  if (problem) {
    return [
      `  GRAX package:        not installed from force-app (${problem});`,
      '                       the Acme orgs keep the seeded GRAX package 1.0.',
    ];
  }
  const dropped = installs[0]?.dropped.length ?? 0;
  return [
    `  GRAX package:        installed from force-app into Acme Production and Acme Sandbox, as a package install does` +
      (dropped > 0 ? ` (${dropped} permission set entries dropped)` : ' (nothing dropped)'),
    '                       The integration-user template is not in the package: Auto Config creates what it lacks.',
  ];
}

/** What the demo prints once everything listens: real addresses only. */
function demoSummary(
  { DEMO_ORGS, DEMO_USERS }: Emulator,
  service: RunningGrax,
  emulator: RunningEmulator,
  access: StartupAccess,
  setupToken: string | null,
  installProblem: string | undefined,
): string {
  const acme = DEMO_USERS.acmeProduction;
  const sandbox = DEMO_USERS.acmeSandbox;
  const globex = DEMO_USERS.globex;
  const user = (u: { username: string; password: string }) => `${u.username} / ${u.password}`;
  return [
    '',
    'GRAX Connect demo is running.',
    '',
    `  GRAX Connect:        ${service.config.publicUrl}/web   (listening on ${service.url})`,
    `  Salesforce login:    ${emulator.productionLoginUrl} (production), ${emulator.sandboxLoginUrl} (sandbox)`,
    `  My Domains:          Acme Production ${instanceUrlOf(emulator, DEMO_ORGS.acmeProduction.id)}, ` +
      `Acme Sandbox ${instanceUrlOf(emulator, DEMO_ORGS.acmeSandbox.id)}, Globex ${instanceUrlOf(emulator, DEMO_ORGS.globex.id)}`,
    `  Data directory:      ${service.config.dataDir}`,
    ...installSummary(emulator.packageInstalls, installProblem),
    '',
    ...accessLines(access, setupToken, service.config.dataDir),
    `  2. Sign in to Salesforce as the integration user:  ${user(acme.integration)}`,
    `     (Sandbox: ${user(sandbox.integration)})`,
    `  3. Log in with Salesforce as a GRAX admin:          ${user(acme.ssoAdmin)}`,
    `     or as a GRAX viewer:                             ${user(acme.viewer)}`,
    '',
    '  Users that show what goes wrong:',
    `     API-only integration user (cannot sign in interactively): ${user(acme.apiOnly)}`,
    `     No API access:                                            ${user(acme.apiDisabled)}`,
    `     Cannot create permission sets (Auto Config fails clearly): ${user(acme.restrictedIntegration)}`,
    `     Globex, app not installed (OAUTH_APP_BLOCKED):           ${user(globex.adminWithoutAppApproval)}`,
    '',
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

async function runDemo(env: NodeJS.ProcessEnv): Promise<void> {
  const emulatorPackage: Emulator = await import('@grax-connect/org-emulator');
  const { DEMO_CLIENT_APP, startEmulator } = emulatorPackage;
  const port = portOf(env, 'PORT', 3000);
  const publicUrl = env.PUBLIC_URL?.trim() || `http://localhost:${port}`;
  const converted = await convertedPackage(emulatorPackage);
  const installProblem = 'problem' in converted ? converted.problem : undefined;
  const removeConverted = (): void => {
    if (!('problem' in converted)) rmSync(path.dirname(converted.metadataDir), { recursive: true, force: true });
  };
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({
      installPackage: 'problem' in converted ? undefined : converted,
      host: '127.0.0.1',
      port: portOf(env, 'EMULATOR_PORT', 3001),
      sandboxPort: portOf(env, 'EMULATOR_SANDBOX_PORT', 3002),
      clientApps: [
        {
          clientId: DEMO_CLIENT_APP.clientId,
          clientSecret: DEMO_CLIENT_APP.clientSecret,
          name: DEMO_CLIENT_APP.name,
          callbackUrls: [`${publicUrl.replace(/\/+$/, '')}/oauth/callback`],
          requireSecret: DEMO_CLIENT_APP.requireSecret,
          refreshTokenRotation: DEMO_CLIENT_APP.refreshTokenRotation,
          consentRequired: false,
          installedOrgIds: [...DEMO_CLIENT_APP.installedInOrgIds],
          scopes: [...DEMO_CLIENT_APP.scopes],
        },
      ],
    });
  } finally {
    // The install is read into memory (reset installs it again from there).
    removeConverted();
  }
  let service: RunningGrax | undefined;
  const stopAll = async (): Promise<void> => {
    await service?.close();
    await emulator.close();
  };
  try {
    const config = withDemoClientApp(
      loadConfig({
        ...env,
        PORT: String(port),
        PUBLIC_URL: publicUrl,
        SF_PRODUCTION_LOGIN_URL: emulator.productionLoginUrl,
        SF_SANDBOX_LOGIN_URL: emulator.sandboxLoginUrl,
        SF_EXTRA_LOGIN_HOSTS: uniqueOrigins([
          env.SF_EXTRA_LOGIN_HOSTS,
          emulator.productionLoginUrl,
          emulator.sandboxLoginUrl,
          ...emulator.orgs.map((org) => org.instanceUrl),
        ]),
      }),
      { clientId: DEMO_CLIENT_APP.clientId, clientSecret: DEMO_CLIENT_APP.clientSecret },
    );
    const announced: string[] = [];
    service = await startGrax({ config, composition: { announce: (text) => announced.push(text) } });
    const token = /setup token: (\S+)/.exec(announced.join('\n'))?.[1] ?? null;
    const access = await service.features.flows.startupAccess();
    process.stdout.write(demoSummary(emulatorPackage, service, emulator, access, token, installProblem));
  } catch (error) {
    await stopAll();
    throw error;
  }

  const stop = (signal: NodeJS.Signals): void => {
    process.stdout.write(`\n${signal} received: stopping GRAX Connect and the org emulator.\n`);
    stopAll().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function start(env: NodeJS.ProcessEnv): Promise<void> {
  if (env.SF_CLIENT_ID?.trim()) {
    // A configured External Client App: the service alone, against real Salesforce.
    await main(env);
    return;
  }
  try {
    await runDemo(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    reportInvalidConfig(error);
  }
}

start(process.env).catch(reportStartFailure);
