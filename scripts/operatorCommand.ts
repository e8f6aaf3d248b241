/**
 * What the operator commands (`npm run secrets:reencrypt`, `npm run setup-token`) share: the service's own
 * configuration from the environment (one line per problem and exit status 1 when it is invalid), the store opened as
 * the service opens it and closed afterwards, and the command's exit status.
 */
import type { Config } from '../service/src/config';
import { ConfigError, loadConfig } from '../service/src/config';
import { SecretBox } from '../service/src/crypto/secretBox';
import { openStore } from '../service/src/store/openStore';
import type { Store } from '../service/src/store/types';

/** Runs `body` with the configuration and the open store; its result is the process's exit status. */
export function runOperatorCommand(
  body: (context: { config: Config; store: Store; secretBox: SecretBox }) => Promise<number>,
): void {
  const run = async (): Promise<number> => {
    let config: Config;
    try {
      config = loadConfig(process.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      console.error(error.problems.join('\n'));
      return 1;
    }
    const secretBox = new SecretBox(config.secretKeys);
    const store = await openStore({ database: config.database, secretBox });
    try {
      return await body({ config, store, secretBox });
    } finally {
      await store.close();
    }
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
