/** The service's version as `status` reports it: the package version, read once. */
import packageJson from '../../../package.json';

/** e.g. `1.0.0`. */
export const SERVICE_VERSION: string = packageJson.version;
