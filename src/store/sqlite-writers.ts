import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from "kysely";

/**
 * SQLite transactions that are writers from their BEGIN (`BEGIN IMMEDIATE`). Every transaction
 * Moot opens writes (reads run outside them), and most read before their first write: with
 * SQLite's default deferred BEGIN such a transaction reads from a snapshot, and when another
 * process commits before its first write, the write cannot be upgraded and fails at once with
 * SQLITE_BUSY(_SNAPSHOT), busy timeout or not. Taking the write lock at BEGIN makes a second
 * process wait its busy timeout for the first to commit, then read what it wrote.
 */
export class SqliteWritersDialect extends SqliteDialect {
  constructor(private readonly writersConfig: SqliteDialectConfig) {
    super(writersConfig);
  }

  override createDriver(): Driver {
    return new SqliteWritersDriver(this.writersConfig);
  }
}

class SqliteWritersDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}
