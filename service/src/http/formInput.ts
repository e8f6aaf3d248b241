/**
 * Reading what a browser posted, for every feature router: a form field as text, and the field problems of a form
 * error (shown on the form again instead of the error page).
 */
import type { Request } from 'express';
import type { FieldProblem } from '../errors';
import { AppError } from '../errors';

/** A form field as text ('' when missing or not text). */
export function formField(req: Request, name: string): string {
  const body: unknown = req.body;
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** The problems of a form error (INVALID_REQUEST), or null for any other error, which the caller rethrows. */
export function formProblems(error: unknown): FieldProblem[] | null {
  return error instanceof AppError && error.code === 'INVALID_REQUEST' && error.fields ? error.fields : null;
}
