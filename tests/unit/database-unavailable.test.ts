import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, poolOptions } from '../../src/lib/server/db/connection';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
	it('recognises a server that is down, frozen or shutting down', () => {
		expect(isDatabaseUnavailable(withCode('ECONNREFUSED'))).toBe(true);
		expect(
			isDatabaseUnavailable(withCode('57P01', 'terminating connection due to administrator command'))
		).toBe(true);
		expect(isDatabaseUnavailable(withCode('57P03', 'the database system is starting up'))).toBe(true);
		expect(isDatabaseUnavailable(withCode('08006'))).toBe(true);
		expect(isDatabaseUnavailable(withCode('57014', 'canceling statement due to statement timeout'))).toBe(
			true
		);
		expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
		expect(isDatabaseUnavailable(new Error('Query read timeout'))).toBe(true);
		expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
		// Node reports a refused "localhost" as an AggregateError of both addresses; causes are followed.
		expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')], ''))).toBe(true);
		expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('ECONNRESET') }))).toBe(true);
	});

	it('leaves ordinary errors alone', () => {
		expect(isDatabaseUnavailable(withCode('23505', 'duplicate key value violates unique constraint'))).toBe(
			false
		);
		expect(isDatabaseUnavailable(withCode('42P01', 'relation does not exist'))).toBe(false);
		expect(isDatabaseUnavailable(new Error('Nicht gefunden'))).toBe(false);
		expect(isDatabaseUnavailable(null)).toBe(false);
		expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
	});
});

describe('poolOptions', () => {
	it('has connect, statement, read and idle timeouts by default', () => {
		const o = poolOptions('postgres://x/y', {});
		expect(o).toMatchObject({
			connectionTimeoutMillis: 5_000,
			statement_timeout: 15_000,
			query_timeout: 17_000,
			idleTimeoutMillis: 30_000,
			max: 10
		});
	});

	it('reads them from the environment (0 = no statement limit)', () => {
		const o = poolOptions('postgres://x/y', {
			DATABASE_CONNECT_TIMEOUT_MS: '2000',
			DATABASE_STATEMENT_TIMEOUT_MS: '0',
			DATABASE_IDLE_TIMEOUT_MS: '1000',
			DATABASE_POOL_MAX: '4'
		});
		expect(o).toMatchObject({ connectionTimeoutMillis: 2000, idleTimeoutMillis: 1000, max: 4 });
		expect(o.statement_timeout).toBeUndefined();
		expect(o.query_timeout).toBeUndefined();
		expect(poolOptions('postgres://x/y', { DATABASE_STATEMENT_TIMEOUT_MS: 'viel' }).statement_timeout).toBe(
			15_000
		);
	});
});
