/**
 * `npm run emulator -- --org-size large --latency-ms 50 --port 3001 --sandbox-port 3002 --seed 1 --install-package`:
 * starts the org emulator on 127.0.0.1 and prints its URLs, orgs, demo users and the demo client app, then runs until
 * Ctrl+C. `--install-package` converts the project's package directory (force-app) with `sf project convert source`
 * and installs it into Acme Production and Acme Sandbox as a package install would, printing what the install dropped.
 */
import { parseArgs } from 'node:util';
import { DEMO_CLIENT_APP, DEMO_USERS } from './org/demoCatalog';
import { convertPackage } from './packaging/convertSource';
import { startEmulator, type EmulatorOptions } from './index';

const USAGE = `Usage: npm run emulator -- [--port 3001] [--sandbox-port 3002] [--org-size small|medium|large|xl]
                            [--seed 1] [--latency-ms 0] [--install-package]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number of 0 or more, not '${value}'.`);
  return n;
}

function parseOptions(argv: string[]): EmulatorOptions & { installPackageFromProject: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'sandbox-port': { type: 'string' },
        'org-size': { type: 'string' },
        seed: { type: 'string' },
        'latency-ms': { type: 'string' },
        'install-package': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const orgSize = values['org-size'] ?? 'small';
  if (orgSize !== 'small' && orgSize !== 'medium' && orgSize !== 'large' && orgSize !== 'xl') {
    fail(`--org-size must be small, medium, large or xl, not '${orgSize}'.`);
  }
  return {
    port: integer('port', values.port, 3001),
    sandboxPort: integer('sandbox-port', values['sandbox-port'], 3002),
    orgSize,
    seed: integer('seed', values.seed, 1),
    latencyMs: integer('latency-ms', values['latency-ms'], 0),
    installPackageFromProject: values['install-package'] === true,
  };
}

async function main(): Promise<void> {
  const { installPackageFromProject, ...options } = parseOptions(process.argv.slice(2));
  const started = Date.now();
  if (installPackageFromProject) {
    const converted = await convertPackage(process.cwd());
    options.installPackage = converted;
  }
  const emulator = await startEmulator(options);
  const lines = [
    `Salesforce org emulator ready in ${Date.now() - started} ms (org size ${options.orgSize}).`,
    `  Production login host: ${emulator.productionLoginUrl}`,
    `  Sandbox login host:    ${emulator.sandboxLoginUrl}`,
    `  Control API:           ${emulator.controlUrl}`,
    '',
    'Orgs (My Domain / instance URL):',
    ...emulator.orgs.map(
      (o) => `  ${o.name.padEnd(20)} ${o.id}  ${o.instanceUrl}  (${o.kind}, log in at ${o.loginUrl})`,
    ),
    '',
    `Demo External Client App "${DEMO_CLIENT_APP.name}":`,
    `  client id:     ${DEMO_CLIENT_APP.clientId}`,
    `  client secret: ${DEMO_CLIENT_APP.clientSecret}`,
    `  callback URLs: ${DEMO_CLIENT_APP.callbackUrls.join(', ')}`,
  ];
  for (const report of emulator.packageInstalls) {
    const org = emulator.orgs.find((o) => o.id === report.orgId)?.name ?? report.orgId;
    lines.push(
      '',
      `Package ${options.installPackage?.packageName ?? ''} ${report.upgrade ? 'upgraded' : 'installed'} in ${org}: ${report.installed.length} components placed, ${report.notEmulated.length} not emulated.`,
    );
    if (report.dropped.length === 0) lines.push('  The install dropped nothing from its permission sets.');
    else {
      lines.push('  Dropped by the install (packaged permission sets never carry these):');
      for (const d of report.dropped) lines.push(`    ${d.permissionSet}: ${d.entry} (${d.reason})`);
    }
  }
  lines.push('', 'Demo users (username / password: purpose):');
  for (const [orgKey, users] of Object.entries(DEMO_USERS)) {
    lines.push(`  ${orgKey}:`);
    for (const user of Object.values(users)) lines.push(`    ${user.username} / ${user.password}: ${user.purpose}`);
  }
  console.log(lines.join('\n'));

  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    fail(`A port is already in use (${(error as Error).message}). Choose others with --port and --sandbox-port.`);
  }
  console.error('The org emulator could not start:', error);
  process.exit(1);
});
