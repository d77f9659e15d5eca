// Every callback value the bot puts on a button, as one zod union shared by the card builders and the
// click handler. A click whose value is not in this union was never issued by this bot.
import { z } from 'zod';

export const buttonValueSchema = z.discriminatedUnion('a', [z.object({ a: z.literal('help') }).strict()]);

export type ButtonValue = z.infer<typeof buttonValueSchema>;

/** The callback behaviour for a button carrying `value`. */
export function callback(value: ButtonValue) {
  return [{ type: 'callback', value }];
}
