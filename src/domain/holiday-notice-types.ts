// What reading the State Council's holiday notice gives: festivals, notes on sentences deliberately not used,
// and problems, each naming the sentence it is in.
import type { Ymd } from './dates.ts';

export type NoticeProblemCode =
  | 'no_year'
  | 'year_mismatch'
  | 'no_items'
  | 'unreadable'
  | 'bad_date'
  | 'weekday'
  | 'count'
  | 'range'
  | 'makeup_not_weekend'
  | 'compensatory_weekend'
  | 'weekend_join'
  | 'contradiction'
  | 'overlap'
  | 'no_holiday';

/** What is wrong, and the sentence it is in as the notice wrote it (empty for the text as a whole). */
export type NoticeProblem = { code: NoticeProblemCode; sentence: string; message: string };
/** A sentence read and deliberately not used (an encouragement, not a day off). */
export type NoticeNote = { sentence: string; message: string };

export type Festival = {
  name: string;
  from: Ymd;
  to: Ymd;
  /** Days from `from` to `to`, as 共N天 says. */
  days: number;
  workdays: Ymd[];
  compensatory: Ymd[];
  joinsWeekend: boolean;
  noMakeUp: boolean;
};

/** A sentence of an item: what is read (after 一、元旦：, without 。) and how it is quoted to people. */
export type ItemSentence = { text: string; quote: string };
