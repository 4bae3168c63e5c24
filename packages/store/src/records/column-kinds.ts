import type { ColumnOptions } from 'typeorm';

/**
 * Column kinds for the records. These describe how values are converted (Dates, JSON, booleans);
 * the real DDL, which differs between MySQL and SQLite, is in the migrations. The types chosen here
 * are ones both drivers accept, so one set of records serves both.
 */
export const TIME: ColumnOptions = { type: 'datetime' };
export const OPTIONAL_TIME: ColumnOptions = { type: 'datetime', nullable: true };
export const JSON_VALUE: ColumnOptions = { type: 'json' };
export const OPTIONAL_JSON: ColumnOptions = { type: 'json', nullable: true };
export const TEXT: ColumnOptions = { type: 'text' };
export const OPTIONAL_TEXT: ColumnOptions = { type: 'text', nullable: true };
export const KEY: ColumnOptions = { type: 'varchar' };
export const OPTIONAL_KEY: ColumnOptions = { type: 'varchar', nullable: true };
export const INT: ColumnOptions = { type: 'int' };
/** bigint comes back from mysql2 as a string (it may not fit a number); mappers turn it into one. */
export const BIGINT: ColumnOptions = { type: 'bigint' };
export const FLAG: ColumnOptions = { type: 'boolean' };
