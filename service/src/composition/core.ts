/**
 * The composition root's core services: what every feature is built from. main.ts creates them once per process
 * (config, store, logger, secret box, clock); composeFeatures wires the features from them.
 */
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { SecretBox } from '../crypto/secretBox';
import type { Logger } from '../logger';
import type { Store } from '../store/types';

/** The services every feature module is built from. */
export interface CoreServices {
  config: Config;
  store: Store;
  logger: Logger;
  secretBox: SecretBox;
  clock: Clock;
}
