import { randomUUID } from 'node:crypto';

/** A stable, lower-case GUID for REFI-QDA exchange and merging. */
export function newGuid(): string {
  return randomUUID();
}

export function nowIso(): string {
  return new Date().toISOString();
}
