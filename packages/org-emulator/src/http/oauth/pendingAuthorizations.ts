/**
 * Authorization requests between the authorize call and the user's answer: the login form and the consent page
 * carry only the request's id, so nothing the client sent can be changed on the way.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../org/types';
import type { HostRole } from '../core/httpTypes';

/** What the client asked for in GET /services/oauth2/authorize, plus the logged-in user once known. */
export interface AuthorizationRequest {
  id: string;
  clientId: string;
  redirectUri: string;
  state: string | null;
  scopes: string[];
  codeChallenge?: string;
  forceConsent: boolean;
  role: HostRole;
  expiresAt: number;
  /** Set after a successful login when the consent page is shown. */
  user?: { orgId: string; userId: string };
}

/** How long a login page stays usable. */
export const LOGIN_REQUEST_LIFETIME_MS = 15 * 60 * 1000;

/** Pending authorization requests and the apps each user has already approved. */
export class PendingAuthorizations {
  private readonly requests = new Map<string, AuthorizationRequest>();
  private readonly approvals = new Set<string>();

  constructor(private readonly clock: Clock) {}

  /** Stores a new request and returns it with its id. */
  create(request: Omit<AuthorizationRequest, 'id' | 'expiresAt'>): AuthorizationRequest {
    const stored = {
      ...request,
      id: randomBytes(24).toString('hex'),
      expiresAt: this.clock.now().getTime() + LOGIN_REQUEST_LIFETIME_MS,
    };
    this.requests.set(stored.id, stored);
    return stored;
  }

  /** A live request, or undefined when unknown, finished or expired. */
  get(id: string | null): AuthorizationRequest | undefined {
    const request = id ? this.requests.get(id) : undefined;
    return request && request.expiresAt > this.clock.now().getTime() ? request : undefined;
  }

  /** Ends a request (a code was issued or the user denied access). */
  finish(id: string): void {
    this.requests.delete(id);
  }

  /** True when the user approved this app before. */
  hasApproved(userId: string, clientId: string): boolean {
    return this.approvals.has(`${userId}:${clientId}`);
  }

  /** Remembers that the user approved this app. */
  approve(userId: string, clientId: string): void {
    this.approvals.add(`${userId}:${clientId}`);
  }

  /** Forgets everything (emulator reset). */
  clear(): void {
    this.requests.clear();
    this.approvals.clear();
  }
}
