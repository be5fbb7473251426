// Creates a fresh PostgreSQL database at the given URL and applies all migrations (type generation).
import pg from 'pg';
import { openDatabase } from '../src/lib/server/db/connection';
import { migrate } from '../src/lib/server/db/migrate';

const url = new URL(process.argv[2]);
const name = url.pathname.slice(1);
const adminUrl = new URL(url);
adminUrl.pathname = '/postgres';
const client = new pg.Client({ connectionString: adminUrl.toString() });
await client.connect();
await client.query(`drop database if exists "${name}"`);
await client.query(`create database "${name}"`);
await client.end();
const database = await openDatabase({ databaseUrl: url.toString() });
await migrate(database);
await database.close();
