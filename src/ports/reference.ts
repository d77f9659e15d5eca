// Reference data the rules read: the unit registry (with its contacts' Feishu accounts), the training-base
// list, each year's campaign dates, and the working-day calendar's own sources.
import type { Campaign } from '../domain/campaign.ts';
import type { TrainingBase } from '../domain/training-bases.ts';
import type { Unit } from '../domain/units.ts';
import type { DayOverride, YearSchedule } from '../domain/working-days.ts';

export type StoredUnit = Unit & { contactOpenId: string | null };

export interface UnitRegistry {
  units(): Promise<StoredUnit[]>;
  unit(code: string): Promise<StoredUnit | null>;
  /** All-or-nothing: the whole registry file in one transaction. */
  saveUnits(units: Unit[]): Promise<void>;
  setContactOpenIds(byCode: Map<string, string | null>): Promise<void>;
}

export interface BaseList {
  all(): Promise<TrainingBase[]>;
  save(bases: TrainingBase[], replace: boolean): Promise<void>;
}

export interface CampaignStore {
  get(year: number): Promise<Campaign | null>;
  all(): Promise<Campaign[]>;
  save(c: Campaign): Promise<void>;
  /** Sets closedAt (or publishedAt) once: false when it was already set. */
  mark(year: number, field: 'closedAt' | 'publishedAt', at: Date): Promise<boolean>;
}

/** The working-day calendar's stored layers: an admin's single days and the years read from the State Council's notices. */
export interface CalendarData {
  adminDays(): Promise<DayOverride[]>;
  saveAdminDays(days: DayOverride[]): Promise<void>;
  noticeSchedules(): Promise<YearSchedule[]>;
}

export type UnitSummary = { code: string; name: string; parentCode: string | null };
