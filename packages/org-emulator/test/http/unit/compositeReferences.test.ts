/**
 * References between composite subrequests.
 */
import { resolveString, resolveValue, type ReferenceResults } from '../../../src/http/rest/compositeReferences';
import { SfApiError } from '../../../src/org/types';

const results: ReferenceResults = new Map([
  ['acct', { status: 201, body: { id: '001000000000001AAA', success: true, errors: [] } }],
  [
    'q',
    {
      status: 200,
      body: { totalSize: 3, done: false, nextRecordsUrl: '/services/data/v62.0/query/01gX-2', records: [{ Id: 'a' }] },
    },
  ],
  ['failed', { status: 400, body: [{ errorCode: 'INVALID_FIELD', message: 'x' }] }],
]);

describe('composite references', () => {
  it('fill fields, array elements and whole URLs', () => {
    expect(resolveString('/services/data/v62.0/sobjects/Account/@{acct.id}', results)).toBe(
      '/services/data/v62.0/sobjects/Account/001000000000001AAA',
    );
    expect(resolveString('@{q.nextRecordsUrl}', results)).toBe('/services/data/v62.0/query/01gX-2');
    expect(
      resolveValue({ AccountId: '@{acct.id}', Ids: ['@{q.records[0].Id}'], n: '@{q.totalSize}' }, results),
    ).toEqual({
      AccountId: '001000000000001AAA',
      Ids: ['a'],
      n: 3,
    });
  });

  it('stop with PROCESSING_HALTED when the value is missing or the subrequest failed', () => {
    expect(() => resolveString('@{q.records[5].Id}', results)).toThrow(
      new SfApiError(400, 'PROCESSING_HALTED', 'Invalid reference specified. No value for q.records[5].Id found in q'),
    );
    expect(() => resolveString('@{failed.id}', results)).toThrow(SfApiError);
    expect(() => resolveString('@{later.id}', results)).toThrow(SfApiError);
  });
});
