// Types of card-render.js for the TypeScript tests that run it.
export function escapeHtml(s: string): string;
export function markdown(src: string): string;
export function renderCard(card: unknown): { html: string; unsupported: string[] };
