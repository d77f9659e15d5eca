// People the bot knows, their roles and units, and requests to be linked to a unit.
import type { Person, Role } from '../domain/people.ts';

/** Who wrote to the bot: looked up on every event. */
export interface People {
  find(openId: string): Promise<Person | null>;
  /** Records that someone wrote to the bot (no role, no unit) so admins can find them. */
  touch(openId: string): Promise<void>;
  /** Race-safe "greet at most once per period": true only for the one caller that moved greetedAt. */
  claimGreeting(openId: string, now: Date, notSince: Date): Promise<boolean>;
}

/** Roles and links, and who holds them. */
export interface Roster {
  grant(openId: string, role: Role, name?: string): Promise<Person>;
  bind(openId: string, unitCode: string, name?: string): Promise<Person>;
  byRole(role: Role): Promise<Person[]>;
  /** Everyone, including the many who only ever wrote to the bot (admins look people up in it). */
  all(): Promise<Person[]>;
  /** People with a role or a unit: the few who receive a unit's news or review (not everyone who wrote once). */
  linked(): Promise<Person[]>;
}

export type LinkRequest = {
  id: number;
  openId: string;
  unitCode: string;
  status: 'pending' | 'approved' | 'rejected';
  version: number;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
};

export interface LinkRequests {
  create(openId: string, unitCode: string, now: Date): Promise<LinkRequest>;
  get(id: number): Promise<LinkRequest | null>;
  pendingOf(openId: string): Promise<LinkRequest | null>;
  /** pending → approved/rejected, only at `version`; false when someone decided first. */
  decide(id: number, version: number, approve: boolean, by: string, at: Date): Promise<boolean>;
}
