/**
 * `npm run setup-token` (built: `node dist/scripts/setup-token.js`): run on the server with the service's own
 * configuration, issues a one-time setup token when nobody can get in (GRAX not connected, or no active local admin),
 * prints it once on stdout, stores only its hash with a one-hour expiry and records it in the audit log. Exits 0 when
 * a token was issued, 2 when none was needed, 1 on a problem.
 */
import { systemClock } from '../service/src/clock';
import { ISSUED_TOKEN_TTL_MS, issueSetupToken } from '../service/src/connection/issuedSetupToken';
import { runOperatorCommand } from './operatorCommand';

runOperatorCommand(async ({ config, store }) => {
  try {
    const outcome = await issueSetupToken({ store, clock: systemClock });
    if (outcome.kind === 'not_needed') {
      console.log(
        'No setup token issued: GRAX is connected to Salesforce and a local admin is active, so people can sign in. ' +
          'A GRAX admin manages access in Settings > Users.',
      );
      return 2;
    }
    const base = config.publicUrl.replace(/\/+$/, '');
    const minutes = Math.round(ISSUED_TOKEN_TTL_MS / 60_000);
    const lines = [
      '',
      `GRAX Connect setup token: ${outcome.issued.token}`,
      '',
      `It works once and expires at ${outcome.issued.expiresAt.toISOString()} (in ${minutes} minutes). ` +
        'Running this command again replaces it. It is not shown again.',
      'Give it only to the person who will use it. With it they can:',
    ];
    if (outcome.connect) {
      lines.push(
        `  - connect GRAX to Salesforce: open ${base}/web/connect, enter the token, and sign in to Salesforce as the ` +
          'integration user;',
      );
    }
    if (outcome.firstAdmin) {
      lines.push(`  - create the first local admin (none is active): open ${base}/login/first-admin.`);
    }
    lines.push('');
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } catch (error) {
    console.error(`No setup token issued: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
});
