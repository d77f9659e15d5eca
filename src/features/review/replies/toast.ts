// A click's answer: a toast, and the card to show in place of the clicked one.
import type { CardResponse } from '../../../inbound.ts';

export const toast = (type: 'success' | 'info' | 'error' | 'warning', content: string, card?: CardResponse['card']): CardResponse => ({
  toast: { type, content },
  ...(card ? { card } : {}),
});
