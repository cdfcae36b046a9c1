// A fresh database on a PostgreSQL server, for the tests, the e2e server and the benchmarks: one
// helper instead of a copy in each.
import pg from "pg";

async function onServer<T>(serverUrl: string, run: (admin: pg.Client) => Promise<T>) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

/** Creates `name` on the server (dropping a leftover of that name first) and says how to drop it. */
export async function freshPostgresDatabase(serverUrl: string, name: string) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
  await onServer(serverUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    /** Drops the database once its users have closed their pools. */
    drop: () =>
      onServer(serverUrl, async (admin) => {
        // A closed pool's connections may still be saying goodbye; FORCE would cut them off
        // mid-way and their pool, already gone, could not take the error.
        for (let i = 0; i < 50; i++) {
          const { rows } = await admin.query(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
            [name],
          );
          if (rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}
