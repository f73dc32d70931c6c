import type { z } from 'zod';
import type { Ctx } from '../access/index.ts';
import type { DeadlineUnit } from '../clock/index.ts';
import type { Guard } from './guards.ts';
import type { cases } from './workflow.tables.ts';

/** A state of a machine. */
export interface StateDef {
  label: string;
  final?: boolean;
}

/** What a transition does to the statutory clocks of the case. */
export type ClockAction =
  | { key: string; type: 'start'; rule: string; from?: string; label?: string }
  | { key: string; type: 'stop'; reason: string; on?: string }
  | { key: string; type: 'resume'; on?: string }
  | { key: string; type: 'restart'; reason: string; on?: string }
  | { key: string; type: 'extend'; amount: number; unit: DeadlineUnit; reason: string; approvedBy: string }
  | { key: string; type: 'meet'; on?: string }
  | { key: string; type: 'cancel' };

/**
 * One legal step. `permission` is needed (within its data scope over the case's unit and handler);
 * `input` lists the fields the step requires; every guard must hold; `clock` says which periods it
 * starts, stops, resumes, restarts, extends or meets; `apply` merges the step's facts into the case.
 */
export interface TransitionDef<S extends string = string, I = Record<string, unknown>> {
  label: string;
  from: readonly S[];
  to: S;
  permission: string;
  input?: z.ZodType<I>;
  guards?: readonly Guard[];
  clock?: (input: I, data: Record<string, unknown>) => ClockAction[];
  apply?: (data: Record<string, unknown>, input: I) => Record<string, unknown>;
  /**
   * Writes the step makes outside the case row (e.g. a module's published-decision record). Runs inside the
   * transition's transaction after the state change, the timeline event and the clock actions, with the case
   * as updated; a throw rolls the whole step back. `apply` stays pure; this is the only side-effect hook.
   */
  effect?: (ctx: Ctx, row: typeof cases.$inferSelect, input: I) => Promise<void>;
}

export type RecordKind = 'legal-review' | 'collective-discussion' | 'approval';

export interface MachineDef<S extends string = string> {
  /** `<module>.<case kind>`, e.g. `disclosure.request`. */
  type: string;
  /** Chinese name, e.g. 政府信息公开申请. */
  name: string;
  /** Case numbers: `<numberPrefix>〔<year>〕<n>号`. */
  numberPrefix: string;
  readPermission: string;
  createPermission: string;
  states: Record<S, StateDef>;
  initial: S;
  /** Facts required to open a case. */
  createInput: z.ZodType<Record<string, unknown>>;
  /** The case's title from its facts. */
  title: (data: Record<string, unknown>) => string;
  /**
   * Fields of `createInput` that record something that has already happened (收到申请日期, 收到线索日期 …):
   * the engine refuses a date after today, on every route, so a statutory period cannot be started in the future.
   */
  pastDates?: readonly string[];
  /** Periods that start when the case is opened. */
  onCreate?: (data: Record<string, unknown>) => ClockAction[];
  // biome-ignore lint/suspicious/noExplicitAny: each transition has its own input type; `any` lets one record hold them all
  transitions: Record<string, TransitionDef<S, any>>;
  /** Who may add which kind of record (reviews, discussions, approvals) to a case. */
  records?: Partial<
    Record<
      RecordKind,
      {
        permission: string;
        label: string;
        /** States in which the case waits for this record: it then appears in the inbox of whoever may add it. */
        awaitedIn?: readonly S[];
      }
    >
  >;
  /**
   * Top-level fields of case data and inputs holding personal data: they enter the transparency log
   * only as keyed hashes.
   */
  personalFields?: readonly string[];
}

const registry = new Map<string, MachineDef>();

/** Declares a module's machine; checked once, at start-up, so a broken definition never serves. */
export function defineMachine<S extends string>(def: MachineDef<S>): MachineDef<S> {
  const problems: string[] = [];
  const states = Object.keys(def.states);
  if (!states.includes(def.initial)) problems.push(`initial state ${def.initial} is not a state`);
  for (const [name, t] of Object.entries(def.transitions) as [string, TransitionDef<S>][]) {
    for (const f of t.from) if (!states.includes(f)) problems.push(`${name}: from ${f} is not a state`);
    if (!states.includes(t.to)) problems.push(`${name}: to ${t.to} is not a state`);
    for (const f of t.from) if (def.states[f].final) problems.push(`${name}: leaves final state ${f}`);
  }
  if (problems.length > 0) throw new Error(`machine ${def.type}: ${problems.join('; ')}`);
  if (registry.has(def.type) && registry.get(def.type) !== def)
    throw new Error(`machine ${def.type} defined twice`);
  registry.set(def.type, def as unknown as MachineDef);
  return def;
}

export const getMachine = (type: string): MachineDef | undefined => registry.get(type);
export const listMachines = (): MachineDef[] => [...registry.values()];
