import {
  fillPlaceholders,
  getTableColumns,
  Param,
  type Placeholder,
  SQL,
  StringChunk,
  sql,
  type Table,
} from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

/** Marks where the compiled text takes a parameter; PostgreSQL text never holds a NUL. */
const MARK = '\u0000';

/** Postgres' dialect, writing a mark for each parameter instead of `$n`, so the text can be cut at them. */
class MarkingDialect extends PgDialect {
  override escapeParam(): string {
    return MARK;
  }
}
const dialect = new MarkingDialect();

/**
 * A statement whose text is built and compiled once and then run many times with fresh values for its
 * placeholders (`sql.placeholder('name')`). Building a Drizzle query walks every fragment, column and parameter
 * on each call; on a hot path (a case step's locking read, with one data-scope condition per case type) that
 * costs more than the database takes to run it. `bind` costs one flat fragment: the text's pieces and the values.
 *
 * Only for statements whose text does not depend on the values: build one `Statement` per shape (e.g. per actor
 * and option set) and keep it as long as that shape holds.
 */
export class Statement {
  private readonly chunks: StringChunk[];
  private readonly params: unknown[];

  constructor(query: SQL) {
    const compiled = dialect.sqlToQuery(query);
    const parts = compiled.sql.split(MARK);
    if (parts.length !== compiled.params.length + 1)
      throw new Error('a statement text holds a NUL character');
    this.chunks = parts.map((p) => new StringChunk(p));
    this.params = compiled.params;
  }

  /** The statement with `values` in its placeholders, ready for `db.execute`. */
  bind(values: Record<string, unknown> = {}): SQL {
    const filled = fillPlaceholders(this.params, values);
    const out: unknown[] = [this.chunks[0]];
    for (let i = 0; i < filled.length; i++) {
      const v = filled[i];
      // Primitives compile as parameters as they are; anything else (an array, a Date) is marked as one value.
      out.push(v !== null && typeof v === 'object' ? new Param(v) : v, this.chunks[i + 1]);
    }
    return new SQL(out as SQL['queryChunks']);
  }
}

/** A placeholder for a `Statement`'s per-run value. */
export const placeholder = (name: string): Placeholder => sql.placeholder(name);

/**
 * A raw row of `table` (as `select *` returns it: column names, driver values) as Drizzle's select would give it
 * (property names, dates as Date…), through the columns' own mapping.
 */
export function rowOf<T extends Table>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const v = raw[column.name];
    out[key] = v === null || v === undefined ? null : column.mapFromDriverValue(v);
  }
  return out as T['$inferSelect'];
}
