/**
 * Builders for the responses the emulator sends, with the content types Salesforce uses (jsforce only parses JSON
 * whose content type matches `^application/json(;|$)`), and the writer that puts a result on the socket.
 */
import type { ServerResponse } from 'node:http';
import { SfApiError } from '../../org/types';
import type { HttpResult } from './httpTypes';

export const JSON_TYPE = 'application/json;charset=UTF-8';
export const HTML_TYPE = 'text/html;charset=UTF-8';
export const FORM_TYPE = 'application/x-www-form-urlencoded';

/** A JSON response. */
export function jsonResult(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

/** Salesforce's REST error response `[{message, errorCode}]` (`fields` only for an error about a record). */
export function sfErrorResult(error: SfApiError, headers: Record<string, string> = {}): HttpResult {
  return jsonResult(error.status, error.toBody(), headers);
}

/** A REST error built from its parts. */
export function errorResult(status: number, errorCode: string, message: string, fields?: string[]): HttpResult {
  return sfErrorResult(new SfApiError(status, errorCode, message, fields));
}

/** An HTML page. */
export function htmlResult(status: number, html: string, headers: Record<string, string> = {}): HttpResult {
  return {
    status,
    headers: { 'Content-Type': HTML_TYPE, 'Cache-Control': 'no-cache, no-store', ...headers },
    body: html,
  };
}

/** A plain-text response (identity service errors such as `Bad_OAuth_Token`). */
export function textResult(status: number, text: string): HttpResult {
  return { status, headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: text };
}

/** A form-encoded response (OAuth revoke errors). */
export function formResult(status: number, fields: Record<string, string>): HttpResult {
  return { status, headers: { 'Content-Type': FORM_TYPE }, body: new URLSearchParams(fields).toString() };
}

/** A redirect. */
export function redirectResult(location: string): HttpResult {
  return { status: 302, headers: { Location: location, 'Cache-Control': 'no-cache, no-store' }, body: '' };
}

/** A response without a body (204, 201 for CSV uploads, 200 for revoke). */
export function emptyResult(status: number): HttpResult {
  return { status, body: '' };
}

/** Writes a result to the socket, adding headers collected on the way (e.g. Sforce-Limit-Info). */
export function writeResult(res: ServerResponse, result: HttpResult, extraHeaders: Record<string, string> = {}): void {
  const headers = { ...result.headers, ...extraHeaders };
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.statusCode = result.status;
  res.end(result.body ?? '');
}
