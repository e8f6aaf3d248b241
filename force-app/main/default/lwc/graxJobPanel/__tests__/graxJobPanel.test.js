import GraxJobPanel from 'c/graxJobPanel';
import { mount, resetDom, flushPromises, shadowQuery, textOf } from '../../../../../test/jest-utils/lwcTestUtils';

const RUNNING_SCAN = {
  id: 'job_01JDV4A1',
  kind: 'scan',
  state: 'running',
  progress: { done: 3, total: 7, step: 'Reading field permissions' },
  startedAt: '2026-11-28T10:20:00.000Z',
  finishedAt: null,
  error: null,
};

describe('c-grax-job-panel', () => {
  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
  });

  it('starts Verify, Scan Now and Auto Fix', async () => {
    const element = mount('c-grax-job-panel', GraxJobPanel);
    const onStart = jest.fn();
    element.addEventListener('startjob', onStart);
    await flushPromises();

    shadowQuery(element, 'lightning-button.job-verify').click();
    shadowQuery(element, 'lightning-button.job-scan').click();
    shadowQuery(element, 'lightning-button.job-autofix').click();

    expect(onStart.mock.calls.map((call) => call[0].detail.kind)).toEqual(['verify', 'scan', 'autofix']);
    expect(shadowQuery(element, 'lightning-button.job-scan').label).toBe('Scan Now');
    await expect(element).toBeAccessible();
  });

  it('shows the running job with its step and a labelled progress bar, and blocks new jobs', async () => {
    const element = mount('c-grax-job-panel', GraxJobPanel, { activeJob: RUNNING_SCAN });
    await flushPromises();

    expect(textOf(shadowQuery(element, '.job-status'))).toBe('Scan is running: Reading field permissions (3 of 7)');
    const bar = shadowQuery(element, 'lightning-progress-bar');
    expect(bar.value).toBe(43);
    expect(bar.getAttribute('aria-label')).toBe('Scan progress');
    expect(shadowQuery(element, 'lightning-button.job-verify').disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('says a queued job is waiting', async () => {
    const element = mount('c-grax-job-panel', GraxJobPanel, {
      activeJob: { id: 'job_2', kind: 'autofix', state: 'queued' },
    });
    await flushPromises();

    expect(textOf(shadowQuery(element, '.job-status'))).toBe('Auto Fix is waiting to start.');
  });

  it('reports how the last job ended', async () => {
    const element = mount('c-grax-job-panel', GraxJobPanel, {
      finishedJob: {
        ...RUNNING_SCAN,
        state: 'failed',
        error: {
          code: 'REQUEST_LIMIT_EXCEEDED',
          message: 'The org ran out of API requests.',
          actions: ['Wait until the org has API requests again, then run Scan Now.'],
        },
      },
    });
    await flushPromises();

    expect(textOf(shadowQuery(element, '.job-outcome'))).toBe('Scan failed: The org ran out of API requests.');

    element.finishedJob = { ...RUNNING_SCAN, kind: 'verify', state: 'succeeded' };
    await flushPromises();
    expect(textOf(shadowQuery(element, '.job-outcome'))).toBe('Verify finished.');
    expect(shadowQuery(element, 'lightning-button.job-verify').disabled).toBe(false);
  });
});
