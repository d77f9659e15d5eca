// People and roles [DOMAIN.md "People and units"]: declarants act for one competent unit; reviewers are the
// office of the municipal leading group; admins operate the system.
import { z } from 'zod';

export const ROLES = ['declarant', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const ROLE_LABELS: Record<Role, string> = { declarant: '申报人', reviewer: '审核人', admin: '管理员' };

/** Feishu open_id: "ou_" followed by letters and digits. */
export const openIdSchema = z
  .string()
  .trim()
  .regex(/^ou_[0-9A-Za-z_-]{6,64}$/, { error: 'open_id 应以 ou_ 开头，例如 ou_7d8a6e6df7621556ce0d21922b676706' });

export type Person = {
  openId: string;
  name: string | null;
  role: Role | null;
  unitCode: string | null;
};

/** Who may use a capability. A declarant is anyone linked to a unit (a reviewer may also be linked). */
export type Audience = 'anyone' | Role;

/** An admin may do everything a reviewer may; declaring needs a linked unit, whatever the role. */
export function may(person: Person | null, audience: Audience): boolean {
  switch (audience) {
    case 'anyone':
      return true;
    case 'declarant':
      return !!person?.unitCode;
    case 'reviewer':
      return person?.role === 'reviewer' || person?.role === 'admin';
    case 'admin':
      return person?.role === 'admin';
  }
}

/** A person the bot can serve: linked to a unit or granted a role. */
export function isKnown(person: Person | null): person is Person {
  return !!person && (!!person.unitCode || person.role === 'reviewer' || person.role === 'admin');
}
