// Ports for people and units, used by the chat handlers and the admin CLI.
import type { Person, Role } from '../domain/people.ts';

export type UnitSummary = { code: string; name: string; parentCode: string | null };

export interface UserRepo {
  find(openId: string): Promise<Person | null>;
  /** Records that someone wrote to the bot (no role, no unit) so admins can find them. */
  touch(openId: string): Promise<void>;
  grant(openId: string, role: Role, name?: string): Promise<Person>;
  bind(openId: string, unitCode: string, name?: string): Promise<Person>;
  /** Race-safe "greet at most once per period": true only for the one caller that moved greetedAt. */
  claimGreeting(openId: string, now: Date, notSince: Date): Promise<boolean>;
  listByRole(role: Role): Promise<Person[]>;
  /** Everyone, including the many who only ever wrote to the bot (admins look people up in it). */
  list(): Promise<Person[]>;
  /** People with a role or a unit: the few who receive a unit's news or review (not everyone who wrote once). */
  linked(): Promise<Person[]>;
}

export interface UnitLookup {
  find(code: string): Promise<UnitSummary | null>;
}
