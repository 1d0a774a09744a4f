/** What a --database URL names: a SQLite file (sqlite:PATH, or a bare path) or PostgreSQL (postgres://...?schema=NAME). */
export type DatabaseTarget = { kind: "sqlite"; path: string } | { kind: "postgres"; connectionString: string; schema?: string };

export function databaseTarget(database: string): DatabaseTarget {
  if (!/^postgres(ql)?:\/\//.test(database)) return { kind: "sqlite", path: database.replace(/^sqlite:/, "") };
  const url = new URL(database);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  return { kind: "postgres", connectionString: url.toString(), schema };
}
