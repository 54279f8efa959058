import { DataSource } from 'typeorm';

/** The SQL that would bring the database to the entities' shape: empty when migrations match them. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sqlInMemory = await dataSource.driver.createSchemaBuilder().log();
  return sqlInMemory.upQueries.map((query) => query.query);
}
