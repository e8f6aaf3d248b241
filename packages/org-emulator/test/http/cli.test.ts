/**
 * The command line (`npm run emulator -- ...`): `--latency-ms` slows every Salesforce route from the first call,
 * `--install-package` installs the project's package into the Acme orgs at start, and a bad option stops the process with a message saying what to change instead of starting with a guess.
 */
import { startCli, stopClis } from './support/cli';

afterAll(stopClis);

describe('the emulator command line', () => {
  it('adds --latency-ms to every Salesforce call', async () => {
    const cli = startCli(['--latency-ms', '400', '--port', '0', '--sandbox-port', '0']);
    const loginUrl = /Production login host: (\S+)/.exec(await cli.ready)?.[1] as string;
    const started = Date.now();
    const res = await fetch(`${loginUrl}/services/data`);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    cli.child.kill('SIGTERM');
    await cli.exited;
  });

  it('--install-package installs the project package into both Acme orgs and says what the install dropped', async () => {
    const cli = startCli(['--install-package', '--port', '0', '--sandbox-port', '0']);
    const output = await cli.ready;
    for (const org of ['Acme Production', 'Acme Sandbox']) {
      expect(output).toMatch(new RegExp(`Package GRAX Connect upgraded in ${org}: \\d+ components placed`));
    }
    // The package carries only what survives an install (ADR 11).
    expect(output.split('The install dropped nothing from its permission sets.')).toHaveLength(3);
    const controlUrl = /Control API: +(\S+)/.exec(output)?.[1] as string;
    const orgs = (await (await fetch(`${controlUrl}/orgs`)).json()) as { id: string; name: string }[];
    expect(orgs.map((o) => o.name)).toEqual(['Acme Production', 'Acme Sandbox', 'Globex Corporation']);
    cli.child.kill('SIGTERM');
    await cli.exited;
  }, 90_000);

  it('refuses an unknown org size with exit code 2 and the usage', async () => {
    const cli = startCli(['--org-size', 'huge', '--port', '0', '--sandbox-port', '0']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toContain("--org-size must be small, medium, large or xl, not 'huge'.");
    expect(cli.output()).toContain('Usage: npm run emulator --');
  });

  it('refuses a latency that is not a whole number', async () => {
    const cli = startCli(['--latency-ms', 'slow']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toContain("--latency-ms must be a whole number of 0 or more, not 'slow'.");
  });
});
