import { describeSqlUserDirectoryTests } from '../testing/sql-user-directory-suite.js';
import { createTemporaryMysqlDatabase } from '../testing/temporary-sql-databases.js';
import { testPasswordHasher } from '../testing/test-password-hasher.js';
import { createMysqlDirectoryPool, mysqlUserDirectory } from './mysql-user-directory.js';

describeSqlUserDirectoryTests({
  kind: 'mysql',
  createDatabase: createTemporaryMysqlDatabase,
  openDirectory(name, settings, hasher = testPasswordHasher) {
    return mysqlUserDirectory({ name, pool: createMysqlDirectoryPool({ settings }), settings, hasher });
  },
  slowViewSql: (view, table, seconds) =>
    `CREATE VIEW ${view} AS SELECT t.* FROM ${table} t CROSS JOIN (SELECT SLEEP(${seconds}) AS slept) s`,
});
