export { bytea } from './columns.ts';
export {
  type Database,
  type Db,
  type Engine,
  executeWithNext,
  MIGRATIONS_FOLDER,
  openDatabase,
  parallelism,
  ping,
  queryRows,
} from './database.ts';
export { placeholder, rowOf, Statement } from './statement.ts';
