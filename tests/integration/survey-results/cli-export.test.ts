// qk survey export against an embedded database in a temp data dir: SAV to a file (pspp reads it),
// CSV to stdout, German errors for an unknown survey or format, an audit row by the system actor.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { readConfig } from '../../../src/lib/server/config';
import { openDatabase } from '../../../src/lib/server/db/connection';
import { migrate } from '../../../src/lib/server/db/migrate';
import { parseCsvWithBom } from '../helpers/real-programs';
import { resultsFixture } from './fixtures';

function captureIO(dataDir: string) {
	const lines: string[] = [];
	const errors: string[] = [];
	const bytes: Uint8Array[] = [];
	const io: CliIO = {
		out: (l) => lines.push(l),
		err: (l) => errors.push(l),
		write: async (b) => void bytes.push(b),
		config: readConfig({ DATA_DIR: dataDir })
	};
	return { io, lines, errors, bytes };
}

describe('qk survey export', () => {
	let dir: string;
	let surveyId: string;
	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-cli-survey-'));
		const database = await openDatabase({ dataDir: dir, lockRole: 'test' });
		try {
			await migrate(database);
			surveyId = (await resultsFixture(database.db, 'cli')).surveyId;
		} finally {
			await database.close();
		}
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('writes a .sav file that pspp reads, and CSV to stdout', async () => {
		const out = path.join(dir, 'befragung.sav');
		const a = captureIO(dir);
		expect(await runCli(['survey', 'export', surveyId, '--format', 'sav', '--out', out], a.io)).toBe(0);
		expect(a.lines.join('\n')).toContain('20 Zeile(n) als sav exportiert');
		fs.writeFileSync(path.join(dir, 'read.sps'), `GET FILE="${out}".\nDISPLAY DICTIONARY.\n`);
		const read = execFileSync('pspp', ['-O', 'format=csv', path.join(dir, 'read.sps')], { encoding: 'utf8' });
		expect(read).toContain('Wie zufrieden sind Sie mit Ihrem Quartier?');
		expect(read).toContain('wenig zufrieden');

		const b = captureIO(dir);
		expect(await runCli(['survey', 'export', surveyId, '--format', 'csv'], b.io)).toBe(0);
		const rows = parseCsvWithBom(b.bytes[0], ',');
		expect(rows).toHaveLength(21);
		expect(b.errors.join('\n')).toContain('20 Zeile(n) als csv exportiert');

		const database = await openDatabase({ dataDir: dir, lockRole: 'test' });
		try {
			const audit = await database.db
				.selectFrom('audit_log')
				.select(['actor_id', 'details'])
				.where('action', '=', 'survey.export')
				.where('subject_id', '=', surveyId)
				.execute();
			expect(audit).toHaveLength(2);
			expect(audit[0].actor_id).toBeNull();
		} finally {
			await database.close();
		}
	});

	it('refuses an unknown survey and an unknown format in German', async () => {
		const a = captureIO(dir);
		expect(
			await runCli(['survey', 'export', '00000000-0000-4000-8000-000000000000', '--format', 'csv'], a.io)
		).toBe(1);
		expect(a.errors.join('\n')).toContain('gibt es nicht');
		const b = captureIO(dir);
		expect(await runCli(['survey', 'export', surveyId, '--format', 'pdf'], b.io)).toBe(1);
		expect(b.errors.join('\n')).toContain('Das Format „pdf“ gibt es nicht');
	});
});
