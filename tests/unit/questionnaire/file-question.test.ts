// The file question in the engine: definition limits, validation of the stored answer, answer text
// and tokens, and the export columns (a count and stable references, never the names).
import { describe, expect, it } from 'vitest';
import {
	answerText,
	answerTokens,
	question as questionSchema,
	validateAnswer,
	type Question
} from '../../../src/lib/questionnaire';
import { surveyColumns, surveyRows, type TabularLabels } from '../../../src/lib/questionnaire/tabular';

const fileQ = (x: Record<string, unknown> = {}) =>
	questionSchema.parse({ key: 'FOTO', type: 'file', text: { de: 'Foto' }, ...x }) as Extract<
		Question,
		{ type: 'file' }
	>;

const files = (n: number) =>
	Array.from({ length: n }, (_, i) => ({
		uploadId: `00000000-0000-4000-8000-00000000000${i}`,
		name: `a${i}.jpg`
	}));

describe('file question definition', () => {
	it('defaults to one file of at most 5 MB, images and PDF', () => {
		expect(fileQ()).toMatchObject({ accept: ['image', 'pdf'], maxBytes: 5_000_000, maxFiles: 1 });
	});

	it('allows 1–5 files of at most 10 MB, at least one kind', () => {
		expect(fileQ({ maxFiles: 5, maxBytes: 10_000_000 }).maxFiles).toBe(5);
		for (const bad of [
			{ maxFiles: 0 },
			{ maxFiles: 6 },
			{ maxBytes: 10_000_001 },
			{ accept: [] },
			{ accept: ['doc'] }
		])
			expect(questionSchema.safeParse({ key: 'F', type: 'file', text: { de: 'F' }, ...bad }).success).toBe(
				false
			);
	});
});

describe('file answers', () => {
	it('are valid up to maxFiles; more, or a file without id, are not', () => {
		const q = fileQ({ maxFiles: 2, required: true });
		expect(validateAnswer(q, { type: 'file', files: files(2) })).toBeNull();
		expect(validateAnswer(q, { type: 'file', files: files(3) })).toEqual({
			key: 'surveys.validation.fileCount',
			params: { count: 2 }
		});
		expect(validateAnswer(q, { type: 'file', files: [{ uploadId: '', name: 'x' }] })?.key).toBe(
			'surveys.validation.invalid'
		);
		expect(validateAnswer(q, undefined)?.key).toBe('surveys.validation.required');
	});

	it('read as the names (organisers) and as upload ids (conditions "answered")', () => {
		const a = { type: 'file' as const, files: files(2) };
		expect(answerText(fileQ(), a, 'de', {})).toBe('a0.jpg, a1.jpg');
		expect(answerTokens(a)).toEqual(files(2).map((f) => f.uploadId));
	});

	it('export a count and the references, never the names', () => {
		const labels = {
			locale: 'de',
			responseNumber: 'Nr',
			channel: 'Weg',
			date: 'Datum',
			channels: { online: 'online', paper: 'Papier', interview: 'I', workshop: 'W', phone: 'T' },
			yes: 'ja',
			no: 'nein',
			selected: 'x',
			notSelected: '',
			other: 'Sonstiges',
			areaAtLevel: (q: string, l: string) => `${q} – ${l}`,
			place: (q: string, p: number) => `${q} – ${p}`,
			features: (q: string) => `${q} – Formen`,
			files: (q: string) => `${q} – Anzahl Dateien`,
			levels: []
		} satisfies TabularLabels;
		const definition = { version: 1 as const, questions: [fileQ({ maxFiles: 3 })] };
		const cols = surveyColumns(definition, labels);
		expect(cols.slice(3).map((c) => [c.name, c.kind, c.label])).toEqual([
			['FOTO_n', 'numeric', 'Foto – Anzahl Dateien'],
			['FOTO', 'string', 'Foto']
		]);
		const rows = surveyRows(
			definition,
			[
				{
					channel: 'online',
					date: '2026-12-01',
					answers: { FOTO: { type: 'file', files: files(2) } },
					areas: {}
				},
				{ channel: 'paper', date: '2026-12-01', answers: {}, areas: {} }
			],
			new Map(),
			[]
		);
		expect(rows[0].slice(3)).toEqual([
			2,
			files(2)
				.map((f) => f.uploadId)
				.join(';')
		]);
		expect(rows[1].slice(3)).toEqual([null, null]);
		expect(JSON.stringify(rows)).not.toContain('a0.jpg');
	});
});
