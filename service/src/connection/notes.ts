/**
 * Notes about the last connect or update that an admin should read afterwards (a refreshed sandbox, an approval
 * Salesforce revoked, an old authorization that could not be revoked, the previous user's permission sets). They are
 * kept in the settings store per connection, because the browser usually lands on the sign-in page first, and shown on
 * the home page and Settings > Salesforce.
 */
import type { SettingsRepository } from '../store/types';
import type { JsonValue } from '../domain/json';

/** One note. */
export interface ConnectNote {
  kind: 'info' | 'warning';
  code: string;
  message: string;
}

/** The previous integration user, whose GRAX permission sets the admin may unassign. */
export interface PreviousUser {
  connectionId: string;
  orgId: string;
  orgName: string;
  userId: string;
  username: string;
  /** True when the previous user is in the org GRAX is connected to now (unassigning is possible). */
  sameOrg: boolean;
}

/** What is stored for the active connection. */
export interface ConnectionNotes {
  connectionId: string;
  notes: ConnectNote[];
  previousUser: PreviousUser | null;
}

const KEY = 'connection.lastNotes';

/** Reads and writes the notes of the latest connect or update. */
export class NotesStore {
  constructor(private readonly settings: SettingsRepository) {}

  /** The notes of a connection, if they are the latest. */
  async get(connectionId: string): Promise<ConnectionNotes | null> {
    const value = await this.settings.get(KEY);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const notes = value as unknown as ConnectionNotes;
    return notes.connectionId === connectionId ? notes : null;
  }

  /** Replaces the notes with those of a new connection. */
  async set(notes: ConnectionNotes): Promise<void> {
    await this.settings.set(KEY, notes as unknown as JsonValue);
  }

  /** Forgets the previous user (after unassigning, or when the admin dismisses the offer). */
  async clearPreviousUser(connectionId: string): Promise<void> {
    const current = await this.get(connectionId);
    if (current) await this.set({ ...current, previousUser: null });
  }

  /** Forgets everything (Reset). */
  async clear(): Promise<void> {
    await this.settings.delete(KEY);
  }
}
