import { describe, expect, it } from 'vitest';
import {
	canTransition,
	currentPhaseIndex,
	detectImageType,
	emptyFormValues,
	isEditable,
	missingForPublish,
	needsConfirmation,
	paragraphs,
	parseConsultationForm,
	slugify,
	validatePhases
} from '../../../src/lib/server/consultations';
import { consultationRules } from '../../../src/lib/server/consultations/permissions';
import type { Actor, Grant } from '../../../src/lib/server/auth/actor';

describe('slugify', () => {
	it('transliterates German umlauts and ß', () => {
		expect(slugify('Grüne Straße für Übermorgen – Änderungen')).toBe(
			'gruene-strasse-fuer-uebermorgen-aenderungen'
		);
	});
	it('drops other accents and punctuation, keeps digits', () => {
		expect(slugify('  Café & Crêpes: Platz 2026!  ')).toBe('cafe-crepes-platz-2026');
	});
	it('falls back for titles without letters and caps the length without a trailing hyphen', () => {
		expect(slugify('!!!')).toBe('beteiligung');
		const long = slugify('a '.repeat(100));
		expect(long.length).toBeLessThanOrEqual(80);
		expect(long.endsWith('-')).toBe(false);
	});
});

describe('status workflow', () => {
	it('goes draft → published → closed → archived and nothing else', () => {
		expect(canTransition('draft', 'published')).toBe(true);
		expect(canTransition('published', 'closed')).toBe(true);
		expect(canTransition('closed', 'archived')).toBe(true);
		expect(canTransition('archived', 'closed')).toBe(true);
		expect(canTransition('draft', 'closed')).toBe(false);
		expect(canTransition('closed', 'published')).toBe(false);
		expect(canTransition('published', 'draft')).toBe(false);
	});
	it('asks for confirmation before closing and archiving; closed is read-only', () => {
		expect(needsConfirmation('closed')).toBe(true);
		expect(needsConfirmation('archived')).toBe(true);
		expect(needsConfirmation('published')).toBe(false);
		expect(isEditable('published')).toBe(true);
		expect(isEditable('closed')).toBe(false);
		expect(isEditable('archived')).toBe(false);
	});
	it('lists what is missing to publish', () => {
		const ok = {
			title: 'Titel',
			participationLevel: 'konsultation',
			canInfluence: 'x',
			alreadyDecided: 'y',
			outcomePlan: 'z',
			contactName: 'Frau A',
			areaCount: 1
		};
		expect(missingForPublish(ok)).toEqual([]);
		expect(missingForPublish({ ...ok, canInfluence: ' ', outcomePlan: '', areaCount: 0 })).toEqual([
			'canInfluence',
			'outcomePlan',
			'areas'
		]);
	});
});

describe('phases', () => {
	const p = (name: string, startsOn: string | null, endsOn: string | null) => ({
		name,
		description: '',
		startsOn,
		endsOn
	});
	it('accepts an ordered timeline, open ends and undated phases', () => {
		expect(
			validatePhases([p('A', '2026-01-01', '2026-01-31'), p('B', '2026-02-01', null), p('C', null, null)])
		).toEqual([]);
	});
	it('refuses reversed dates, wrong order and missing names', () => {
		expect(validatePhases([p('A', '2026-02-01', '2026-01-01')])).toEqual([
			{ index: 0, code: 'phase_dates_reversed' }
		]);
		expect(validatePhases([p('A', '2026-03-01', null), p('B', '2026-02-01', null)])).toEqual([
			{ index: 1, code: 'phase_order' }
		]);
		expect(validatePhases([p(' ', null, null)])).toEqual([{ index: 0, code: 'phase_name_missing' }]);
	});
	it('finds the current phase', () => {
		const phases = [p('A', '2026-01-01', '2026-01-31'), p('B', '2026-02-01', null)];
		expect(currentPhaseIndex(phases, '2025-12-31')).toBe(-1);
		expect(currentPhaseIndex(phases, '2026-01-15')).toBe(0);
		expect(currentPhaseIndex(phases, '2026-05-01')).toBe(1);
	});
});

describe('form parsing', () => {
	const base = () => ({
		...emptyFormValues(),
		title: 'Spielplatz am Fluss',
		participationLevel: 'konsultation',
		contactName: 'Frau Beispiel',
		areaIds: ['0b9c6f2e-1a7e-4a53-9a0c-1e2f3a4b5c6d']
	});
	it('builds the slug from the title when left empty and splits categories by line', () => {
		const r = parseConsultationForm({ ...base(), categories: 'Grün\n\n Verkehr \nGrün' });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.data.slug).toBe('spielplatz-am-fluss');
		expect(r.data.categories).toEqual(['Grün', 'Verkehr']);
		expect(r.data.modules).toEqual(['map_comments']);
	});
	it('refuses modules that are not available yet, bad slugs, missing areas and bad phases', () => {
		const r = parseConsultationForm({
			...base(),
			slug: 'Mit Leerzeichen',
			areaIds: [],
			modules: ['map_comments', 'services'],
			phases: [{ name: '', description: 'x', startsOn: '', endsOn: '' }]
		});
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toMatchObject({
			slug: 'consultations.error.slug',
			areaIds: 'consultations.error.areas',
			phase_0: 'consultations.error.phase_name_missing'
		});
		const ok = parseConsultationForm({ ...base(), modules: ['map_comments', 'services'] });
		expect(ok.ok && ok.data.modules).toEqual(['map_comments']);
	});
	it('requires the level and a contact name, checks e-mail and end after start', () => {
		const r = parseConsultationForm({
			...base(),
			participationLevel: 'mitbestimmung',
			contactName: '',
			contactEmail: 'keine-adresse',
			startsOn: '2026-05-01',
			endsOn: '2026-04-01'
		});
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(Object.keys(r.errors).sort()).toEqual([
			'contactEmail',
			'contactName',
			'endsOn',
			'participationLevel'
		]);
	});
	it('keeps HTML as plain text', () => {
		const r = parseConsultationForm({ ...base(), description: '<script>alert(1)</script>' });
		expect(r.ok && r.data.description).toBe('<script>alert(1)</script>');
		expect(paragraphs('Eins\r\n\r\nZwei\nnoch zwei\n\n\n')).toEqual(['Eins', 'Zwei\nnoch zwei']);
	});
});

describe('image content check', () => {
	it('recognises JPEG, PNG and WebP by magic bytes only', () => {
		expect(detectImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
		expect(detectImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
			'image/png'
		);
		expect(detectImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
		expect(detectImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
		expect(detectImageType(new TextEncoder().encode('GIF89a'))).toBeNull();
	});
});

describe('permission subjects', () => {
	const actor = (grants: Omit<Grant, 'id'>[], id = 'u1'): Actor => ({
		id,
		email: 'a@example.org',
		displayName: 'A',
		emailVerified: true,
		locale: 'de',
		grants: grants.map((g, i) => ({ ...g, id: `g${i}` }))
	});
	const quartier = { id: 'q1', ancestorIds: ['st1', 'bz1', 'city'] };
	const elsewhere = { id: 'q9', ancestorIds: ['st9', 'bz9', 'city'] };
	const manager = actor([{ role: 'quarter_manager', scopeType: 'area', scopeId: 'st1' }]);

	it('a quarter manager creates in the Quartiere of their Stadtteil only', () => {
		expect(consultationRules['consultation.create'](manager, { areas: [quartier] })).toBe(true);
		expect(consultationRules['consultation.create'](manager, { areas: [quartier, elsewhere] })).toBe(false);
		expect(consultationRules['consultation.create'](manager, { areas: [] })).toBe(false);
	});
	it('co-managers and the creator manage; residents do not', () => {
		const subject = { consultationId: 'c1', areas: [elsewhere], createdBy: 'u2' };
		const co = actor([{ role: 'quarter_manager', scopeType: 'consultation', scopeId: 'c1' }]);
		expect(consultationRules['consultation.manage'](co, subject)).toBe(true);
		const creator = actor([{ role: 'quarter_manager', scopeType: 'area', scopeId: 'st1' }], 'u2');
		expect(consultationRules['consultation.manage'](creator, subject)).toBe(true);
		const resident = actor([{ role: 'resident', scopeType: 'global', scopeId: null }], 'u2');
		expect(consultationRules['consultation.manage'](resident, subject)).toBe(false);
		expect(consultationRules['consultation.manage'](manager, subject)).toBe(false);
		expect(consultationRules['consultation.manage'](null, subject)).toBe(false);
	});
	it('a malformed subject is a programming error', () => {
		expect(() => consultationRules['consultation.create'](manager, {})).toThrow(TypeError);
	});
});
