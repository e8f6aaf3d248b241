/**
 * SF_MAX_CONCURRENT_REQUESTS across replicas: each replica's in-process semaphore caps its own calls to an org, and
 * on a shared database (PostgreSQL) every call also holds one of the org's numbered slots in the store, so all
 * replicas together never have more calls in flight to one org than the cap. A slot is leased like a job
 * (JOB_LEASE_MS) and renewed every third of that while its call runs, so the slots of a killed replica free themselves
 * within one lease.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ConcurrencySlotRepository } from '../../store/types';

/** Who holds slots: this process (each held slot has its own number, so concurrent calls never collide). */
export const PROCESS_SLOT_OWNER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Where the slots live; given only when the database is shared by replicas. */
export interface SharedCap {
  slots: ConcurrencySlotRepository;
  /** How long a slot is held without renewal. */
  leaseMs: number;
  owner?: string;
}

const FIRST_WAIT_MS = 5;
const LONGEST_WAIT_MS = 100;

/** Runs tasks while holding one of `limit` slots of `name`, waiting (with backoff) while all are held. */
export class SharedGate {
  private readonly owner: string;

  constructor(
    private readonly cap: SharedCap,
    private readonly name: string,
    private readonly limit: number,
  ) {
    this.owner = cap.owner ?? PROCESS_SLOT_OWNER;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    let wait = FIRST_WAIT_MS;
    let slot = await this.cap.slots.acquire(this.name, this.owner, this.limit, this.cap.leaseMs);
    while (slot === null) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, LONGEST_WAIT_MS);
      slot = await this.cap.slots.acquire(this.name, this.owner, this.limit, this.cap.leaseMs);
    }
    const held = slot;
    const renew = setInterval(
      () => void this.cap.slots.renew(this.name, held, this.owner, this.cap.leaseMs).catch(() => false),
      Math.max(100, Math.floor(this.cap.leaseMs / 3)),
    );
    renew.unref();
    try {
      return await task();
    } finally {
      clearInterval(renew);
      // A failed release only delays the slot until its lease ends.
      await this.cap.slots.release(this.name, slot, this.owner).catch(() => false);
    }
  }
}

/** The shared cap on a database replicas share (PostgreSQL); none on SQLite, where one process runs. */
export function sharedCapOf(
  store: { kind: 'sqlite' | 'postgres'; concurrencySlots: ConcurrencySlotRepository },
  leaseMs: number,
): SharedCap | undefined {
  return store.kind === 'postgres' ? { slots: store.concurrencySlots, leaseMs } : undefined;
}
