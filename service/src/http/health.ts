/**
 * Health endpoints for orchestrators: `/healthz` says the process is up; `/readyz` says the store answers, so a
 * replica that lost its database is taken out of rotation instead of serving error pages.
 */
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import type { Logger } from '../logger';

const READY_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Resolves when the database answers a trivial query. */
export type ReadinessProbe = () => Promise<void>;

/** `/healthz` and `/readyz`. */
export function healthRouter(databaseAnswers: ReadinessProbe, logger: Logger): MountedRouter {
  const router = caseSensitiveRouter();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      await withTimeout(databaseAnswers(), READY_TIMEOUT_MS);
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed: the store did not answer');
      res.status(503).json({ status: 'unavailable', reason: 'The database did not answer.' });
    }
  });
  return { path: '/', router };
}
