// The callback value of a button or a menu on a card (the execution and list tests find their values so).

/** The callback value with this `a` (and these fields) on a card: a button's or a menu's. */
export function valueIn(card: unknown, a: string, match: Record<string, unknown> = {}): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (Array.isArray(o.behaviors)) for (const b of o.behaviors as { value?: Record<string, unknown> }[]) if (b.value?.a === a) found.push(b.value);
    Object.values(o).forEach(walk);
  };
  walk(card);
  const v = found.find((x) => Object.entries(match).every(([k, want]) => x[k] === want));
  if (!v) throw new Error(`no ${a} ${JSON.stringify(match)} in ${JSON.stringify(found)}`);
  return v;
}
