import { v7 } from 'uuid';

/** Time-ordered UUIDs (v7): index-friendly primary keys that need no central sequence. */
export const newId = (): string => v7();
