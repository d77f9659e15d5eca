// What the execution use cases find out, handed to replies/ to be said: facts, never sentences.
import type { Person } from '../../domain/people.ts';

/** A person linked to a unit. */
export type Linked = Person & { unitCode: string };
