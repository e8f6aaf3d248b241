/** Form and JSON body parsing with a size limit; larger bodies end in a 413 page (see errorHandler). */
import express from 'express';
import type { RequestHandler } from 'express';

export const BODY_LIMIT_BYTES = 64 * 1024;

export function bodyParsers(): RequestHandler[] {
  return [
    express.urlencoded({ extended: false, limit: BODY_LIMIT_BYTES, parameterLimit: 200 }),
    express.json({ limit: BODY_LIMIT_BYTES, strict: true }),
  ];
}
