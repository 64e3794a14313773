import type { MysqlUserDirectorySettings } from '../../config/user-directories/user-directories-schema.js';
import { describeSqlUserDirectoryTests } from '../testing/sql-user-directory-suite.js';
import { createTemporaryMysqlDatabase } from '../testing/temporary-sql-databases.js';
import { testPasswordHasher } from '../testing/test-password-hasher.js';
import { createMysqlDirectoryPool, mysqlUserDirectory } from './mysql-user-directory.js';

describeSqlUserDirectoryTests({
  kind: 'mysql',
  createDatabase: createTemporaryMysqlDatabase,
  openDirectory(name, settings) {
    const mysqlSettings = settings as MysqlUserDirectorySettings;
    return mysqlUserDirectory({ name, pool: createMysqlDirectoryPool({ settings: mysqlSettings }), settings: mysqlSettings, hasher: testPasswordHasher });
  },
  slowViewSql: (view, table, seconds) => `CREATE VIEW ${view} AS SELECT * FROM ${table} WHERE SLEEP(${seconds}) = 0`,
});
