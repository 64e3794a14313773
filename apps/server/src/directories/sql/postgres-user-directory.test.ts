import { describeSqlUserDirectoryTests } from '../testing/sql-user-directory-suite.js';
import { createTemporaryPostgresDatabase } from '../testing/temporary-sql-databases.js';
import { testPasswordHasher } from '../testing/test-password-hasher.js';
import { createPostgresDirectoryPool, postgresUserDirectory } from './postgres-user-directory.js';

describeSqlUserDirectoryTests({
  kind: 'postgres',
  createDatabase: createTemporaryPostgresDatabase,
  openDirectory(name, settings, hasher = testPasswordHasher) {
    return postgresUserDirectory({ name, pool: createPostgresDirectoryPool({ settings }), settings, hasher });
  },
  slowViewSql: (view, table, seconds) => `CREATE VIEW ${view} AS SELECT t.* FROM ${table} t CROSS JOIN pg_sleep(${seconds})`,
});
