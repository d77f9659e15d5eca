// Which review cards went out for a plan (so every copy shows the decision), and which reminders went out.

export interface ReviewCards {
  record(n: { planId: number; planVersion: number; stage: string; outboxKey: string; at: Date }): Promise<void>;
  forPlan(planId: number): Promise<{ outboxKey: string; planVersion: number; stage: string }[]>;
}

export interface ReminderLog {
  /** Records a reminder; false when this key was already sent. */
  claim(p: { key: string; recipient: string; slots: string[]; items: string[]; at: Date }): Promise<boolean>;
  /** Which of these slots a run has already gone through (whether or not anyone needed reminding). */
  processed(slotIds: string[]): Promise<Set<string>>;
}
