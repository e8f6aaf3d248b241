/**
 * Injected faults hit exactly the calls a test names, as many times as asked.
 */
import { FaultPlan } from '../../../src/http/control/faultPlan';

describe('fault plan', () => {
  it('answers the next N matching calls and then stops', () => {
    const plan = new FaultPlan();
    plan.add({ method: 'get', path: '/services/data/*/query*', count: 2, status: 503 });
    expect(plan.take('POST', '/services/data/v62.0/query')).toBeUndefined();
    expect(plan.take('GET', '/services/data/v62.0/sobjects')).toBeUndefined();
    expect(plan.take('GET', '/services/data/v62.0/query')?.status).toBe(503);
    expect(plan.take('GET', '/services/data/v62.0/query/01gXX-2000')?.status).toBe(503);
    expect(plan.take('GET', '/services/data/v62.0/query')).toBeUndefined();
  });

  it('lets the first calls through when asked to start later', () => {
    const plan = new FaultPlan();
    plan.add({ path: '/services/oauth2/token', afterCalls: 1, dropConnection: true });
    expect(plan.take('POST', '/services/oauth2/token')).toBeUndefined();
    expect(plan.take('POST', '/services/oauth2/token')?.dropConnection).toBe(true);
  });

  it('matches paths by regular expression', () => {
    const plan = new FaultPlan();
    plan.add({ pathRegex: '/sobjects/Account$', status: 500 });
    expect(plan.take('GET', '/services/data/v62.0/sobjects/Account')).toBeDefined();
  });
});
