/** A local (break-glass) user: signs in with a password and a TOTP code, independently of Salesforce. */
import type { Role } from './actor';

export interface LocalUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  totpSecret: string | null;
  totpEnabled: boolean;
  active: boolean;
  expiresAt: Date | null;
  failedAttempts: number;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
}
