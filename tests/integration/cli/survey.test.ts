// qk survey import / list / show against an embedded database in a temp data dir; a failed import
// leaves the database unchanged and exits with a code ≠ 0.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { readConfig } from '../../../src/lib/server/config';
import { openDatabase } from '../../../src/lib/server/db/connection';
import { migrate } from '../../../src/lib/server/db/migrate';
import { insertConsultation } from '../contributions/fixtures';

const fixtures = fileURLToPath(new URL('../../fixtures/lss/', import.meta.url));

function captureIO(dataDir: string): CliIO & { lines: string[]; errors: string[] } {
	const lines: string[] = [];
	const errors: string[] = [];
	return {
		lines,
		errors,
		out: (l) => lines.push(l),
		err: (l) => errors.push(l),
		config: readConfig({ DATA_DIR: dataDir })
	};
}

describe('qk survey', () => {
	let dir: string;
	let slug: string;
	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-cli-survey-'));
		const database = await openDatabase({ dataDir: dir, lockRole: 'test' });
		try {
			await migrate(database);
			slug = (await insertConsultation(database.db)).slug;
		} finally {
			await database.close();
		}
	}, 120_000);
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	async function count(): Promise<number> {
		const io = captureIO(dir);
		expect(await runCli(['survey', 'list', '--json'], io)).toBe(0);
		return (JSON.parse(io.lines.join('\n')) as unknown[]).length;
	}

	it('imports a .lss, prints the id and what was not mapped; list and show read it back', async () => {
		const io = captureIO(dir);
		expect(
			await runCli(
				['survey', 'import', path.join(fixtures, 'limesurvey6-leitbild.lss'), '--consultation', slug],
				io
			)
		).toBe(0);
		expect(io.errors).toEqual([]);
		const id = io.lines[0];
		expect(id).toMatch(/^[0-9a-f-]{36}$/);
		const text = io.lines.join('\n');
		expect(text).toContain('Leitbild-Befragung Grüne Wege');
		expect(text).toContain('G01Q01: LimeSurvey-Typ ! → single_choice');
		expect(text).toMatch(/G02Q05: lss\.type \(multiple_numeric\)/);
		expect(text).toMatch(/G02Q07: lss\.relevance \(sum\(G01Q02, 1\) > 3\)/);

		const list = captureIO(dir);
		expect(await runCli(['survey', 'list', '--json'], list)).toBe(0);
		expect(JSON.parse(list.lines.join('\n'))).toEqual([
			{
				id,
				title: 'Leitbild-Befragung Grüne Wege',
				status: 'draft',
				consultation: { slug, title: expect.any(String) },
				responses: 0,
				completeResponses: 0
			}
		]);

		const show = captureIO(dir);
		expect(await runCli(['survey', 'show', id, '--json'], show)).toBe(0);
		const s = JSON.parse(show.lines.join('\n'));
		expect(s.translations.en.title).toBe('Green Paths mission survey');
		const q = s.questions.find((x: { key: string }) => x.key === 'G01Q01');
		expect(q).toMatchObject({ type: 'single_choice', display: 'dropdown', other: true, required: true });
		expect(q.text).toEqual({
			de: 'Wie kommen Sie meistens zur Arbeit oder Ausbildung?',
			en: 'How do you usually get to work or school?'
		});
		expect(q.options.map((o: { code: string }) => o.code)).toEqual(['AO01', 'AO02', 'AO03', 'AO04']);
		expect(s.questions.find((x: { key: string }) => x.key === 'G01Q02').condition).toEqual({
			combinator: 'and',
			clauses: [{ question: 'G01Q01', op: 'equals', value: 'AO02' }]
		});
	}, 60_000);

	it('a failing import changes nothing and exits ≠ 0', async () => {
		const before = await count();
		const broken = path.join(dir, 'kaputt.lss');
		fs.writeFileSync(
			broken,
			'<?xml version="1.0"?><document><LimeSurveyDocType>Question</LimeSurveyDocType></document>'
		);
		const io = captureIO(dir);
		expect(await runCli(['survey', 'import', broken, '--consultation', slug], io)).toBe(1);
		expect(io.errors.join('\n')).toMatch(/keine lesbare LimeSurvey-Struktur.*Nichts wurde angelegt/);
		const unknown = captureIO(dir);
		expect(
			await runCli(
				[
					'survey',
					'import',
					path.join(fixtures, 'limesurvey3-buergerbefragung.lss'),
					'--consultation',
					'gibt-es-nicht'
				],
				unknown
			)
		).toBe(1);
		expect(unknown.errors.join('\n')).toContain('„gibt-es-nicht“ gibt es nicht');
		const show = captureIO(dir);
		expect(await runCli(['survey', 'show', '00000000-0000-4000-8000-000000000000'], show)).toBe(1);
		expect(await count()).toBe(before);
	}, 60_000);
});
