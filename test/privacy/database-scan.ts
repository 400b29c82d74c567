import { Client } from 'pg';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432';

export interface Finding {
  database: string;
  table: string;
  column: string;
  rows: number;
}

/**
 * Every place a value appears in a database: each column of each table in the public schema that
 * can hold text (text, varchar, char, arrays, json, jsonb, bytea), compared as text.
 */
export async function scanDatabase(database: string, needle: string): Promise<Finding[]> {
  const url = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ table: string; column: string; type: string }>(
      `SELECT c.table_name AS table, c.column_name AS column, c.data_type AS type
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'character', 'ARRAY', 'json', 'jsonb', 'bytea')
        ORDER BY c.table_name, c.column_name`,
    );
    const findings: Finding[] = [];
    for (const { table, column, type } of columns) {
      const test =
        type === 'bytea'
          ? `position(convert_to($1, 'UTF8') IN "${column}") > 0`
          : `strpos("${column}"::text, $1) > 0`;
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table}" WHERE ${test}`,
        [needle],
      );
      if (rows[0].n > 0) findings.push({ database, table, column, rows: rows[0].n });
    }
    return findings;
  } finally {
    await client.end();
  }
}

/** Runs a query in one database (for the test's own checks). */
export async function queryDatabase<T extends object>(
  database: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const url = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
