/**
 * The CLI with a large generated org (2,000 objects, 200,000 permissionable fields): ready within 10 seconds of
 * starting the process, describeGlobal lists the objects, and the process stays under 1 GB of resident memory
 * (VmHWM, the peak). Prints the figures so they can be reported.
 */
import { readFileSync } from 'node:fs';
import { startCli, stopClis } from './support/cli';

afterAll(stopClis);

function peakResidentKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
}

describe('a large generated org from the CLI', () => {
  it('is ready in under 10 s, describes 2,000 objects, and stays under 1 GB', async () => {
    const started = Date.now();
    const cli = startCli(['--org-size', 'large', '--port', '0', '--sandbox-port', '0']);
    const output = await cli.ready;
    const readyMs = Date.now() - started;
    const loginUrl = /Production login host: (\S+)/.exec(output)?.[1] as string;

    const issued = await fetch(`${loginUrl}/__emulator/tokens/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin@acme.example' }),
    });
    const token = (await issued.json()) as { access_token: string; instance_url: string };
    const describeStarted = Date.now();
    const res = await fetch(`${token.instance_url}/services/data/v62.0/sobjects`, {
      headers: { Authorization: `Bearer ${token.access_token}` },
    });
    const global = (await res.json()) as { sobjects: unknown[] };
    const describeMs = Date.now() - describeStarted;
    const peakMb = peakResidentKb(cli.child.pid as number) / 1024;

    console.log(
      `large org: ready in ${readyMs} ms (process start to ready), describeGlobal ${global.sobjects.length} objects ` +
        `in ${describeMs} ms, peak RSS ${peakMb.toFixed(0)} MB`,
    );
    expect(readyMs).toBeLessThan(10_000);
    expect(global.sobjects.length).toBe(2_000);
    expect(peakMb).toBeLessThan(1024);
  }, 90_000);
});
