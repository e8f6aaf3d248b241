/**
 * Bad JSON gets Salesforce's JSON_PARSER_ERROR with the line and column of the problem, never a crash.
 */
import { RequestBody } from '../../../src/http/core/requestBody';
import { SfApiError } from '../../../src/org/types';

function parseError(text: string): SfApiError {
  try {
    RequestBody.fromText(text, 'application/json').json();
  } catch (error) {
    if (error instanceof SfApiError) return error;
    throw error;
  }
  throw new Error('expected JSON_PARSER_ERROR');
}

describe('JSON request bodies', () => {
  it('parse valid JSON', () => {
    expect(RequestBody.fromText('{"Name":"Acme","n":[1,2.5e3,true,null]}', 'application/json').json()).toEqual({
      Name: 'Acme',
      n: [1, 2500, true, null],
    });
  });

  it('report an unexpected character with its position', () => {
    const error = parseError('{\n  "Name": Acme\n}');
    expect(error.status).toBe(400);
    expect(error.errorCode).toBe('JSON_PARSER_ERROR');
    expect(error.message).toContain("Unexpected character ('A' (code 65))");
    expect(error.message).toContain('[line:2, column:11]');
  });

  it('report a body that ends too early', () => {
    expect(parseError('{"Name": "Acme"').message).toMatch(/^Unexpected end-of-input at \[line:1, column:16\]/);
  });

  it('refuse an array where an object is expected', () => {
    expect(() => RequestBody.fromText('[1]', 'application/json').jsonObject()).toThrow(SfApiError);
  });
});
