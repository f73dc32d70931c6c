export { bytea } from './columns.ts';
export {
  type Database,
  type Db,
  type Engine,
  MIGRATIONS_FOLDER,
  openDatabase,
  ping,
  queryRows,
} from './database.ts';
