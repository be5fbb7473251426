import { describe, expect, it } from 'vitest';
import {
	looksLikeMetadataSheet,
	metadataColumns,
	metadataLookup,
	readDomain,
	readIndicatorMetadata,
	readPolarity,
	readVisibility
} from '../../../src/lib/tables/metadata';

describe('metadata sheet', () => {
	it('finds the columns by the words offices use, each field once', () => {
		expect(
			metadataColumns([
				'Indikator',
				'Bezeichnung',
				'Maßeinheit',
				'Wirkung',
				'Themenfeld',
				'Datenquelle',
				'Erläuterung',
				'Öffentlich',
				'Bezeichnung (alt)'
			])
		).toEqual(['series', 'name', 'unit', 'polarity', 'domain', 'source', 'definition', 'visibility', null]);
		expect(metadataColumns(['Spalte', 'Einheit'])).toEqual(['series', 'unit']);
		expect(metadataColumns(['Jahr', 'Wert'])).toEqual([null, null]);
	});

	it("reads each indicator's licence beside its source", () => {
		expect(metadataColumns(['Kennzahl', 'Quelle', 'Lizenz'])).toEqual(['series', 'source', 'licence']);
		expect(metadataColumns(['Indicator', 'Source', 'License'])).toEqual(['series', 'source', 'licence']);
		expect(metadataColumns(['Merkmal', 'Nutzungsbedingungen'])).toEqual(['series', 'licence']);
		const read = readIndicatorMetadata({
			columns: ['Kennzahl', 'Quelle', 'Lizenz'],
			rows: [
				['SGB-II-Quote', 'Bundesagentur für Arbeit', 'dl-de/by-2-0'],
				['Grünfläche', 'Umweltamt', '']
			]
		});
		expect(read.ok && read.entries.map((e) => [e.series, e.source, e.licence])).toEqual([
			['SGB-II-Quote', 'Bundesagentur für Arbeit', 'dl-de/by-2-0'],
			['Grünfläche', 'Umweltamt', undefined]
		]);
	});

	it('reads directions as signs and as words, and says when it cannot', () => {
		expect(readPolarity('+')).toBe('higher_is_better');
		expect(readPolarity('–')).toBe('higher_is_worse');
		expect(readPolarity('-')).toBe('higher_is_worse');
		expect(readPolarity('Höher ist ungünstiger')).toBe('higher_is_worse');
		expect(readPolarity('höher ist besser')).toBe('higher_is_better');
		expect(readPolarity('neutral')).toBe('neutral');
		expect(readPolarity('higher_is_worse')).toBe('higher_is_worse');
		expect(readPolarity('?')).toBeNull();
		expect(readPolarity('')).toBeNull();
	});

	it('maps a Themenfeld in words to a domain and publication words to a visibility', () => {
		expect(readDomain('Soziale Lage')).toBe('oekonomische_situation');
		expect(readDomain('Bevölkerung')).toBe('basisdaten');
		expect(readDomain('Wohnen und Umwelt')).toBe('wohnen_umwelt');
		expect(readDomain('erziehung_bildung')).toBe('erziehung_bildung');
		expect(readDomain('Kita und Schule')).toBe('erziehung_bildung');
		expect(readDomain('Sport')).toBeNull();
		expect(readVisibility('ja')).toBe('public');
		expect(readVisibility('Nein')).toBe('internal');
		expect(readVisibility('öffentlich')).toBe('public');
		expect(readVisibility('vielleicht')).toBeNull();
	});

	it('reads one entry per row with its file row, and lists unreadable words instead of guessing', () => {
		const read = readIndicatorMetadata({
			columns: ['Indikator', 'Bezeichnung', 'Einheit', 'Richtung', 'Veröffentlichung'],
			rows: [
				['K01', 'Jugendarbeitslosigkeit', '%', '–', 'ja'],
				['', '', '', '', ''],
				['K06', 'Veränderung', 'Prozentpunkte', '?', 'nein']
			],
			rowNumbers: [4, 5, 6]
		});
		expect(read).toMatchObject({
			ok: true,
			entries: [
				{
					series: 'K01',
					name: 'Jugendarbeitslosigkeit',
					unit: '%',
					polarity: 'higher_is_worse',
					visibility: 'public',
					row: 4
				},
				{ series: 'K06', name: 'Veränderung', unit: 'Prozentpunkte', visibility: 'internal', row: 6 }
			],
			issues: [{ row: 6, column: 'Richtung', value: '?', field: 'polarity' }]
		});
		if (read.ok) expect(read.entries[1].polarity).toBeUndefined();
	});

	it('refuses a sheet without a column naming the indicator or without any metadata column', () => {
		expect(readIndicatorMetadata({ columns: ['Einheit', 'Quelle'], rows: [] })).toEqual({
			ok: false,
			code: 'no_series_column'
		});
		expect(readIndicatorMetadata({ columns: ['Indikator', 'Wert 2021'], rows: [] })).toEqual({
			ok: false,
			code: 'no_metadata_columns'
		});
	});

	it('finds an entry by code, key or name, ignoring case, accents and spacing', () => {
		const find = metadataLookup([
			{ series: 'K01', key: 'jugend-alo', name: 'Jugendarbeitslosigkeit', row: 2 }
		]);
		expect(find(' k01 ')?.row).toBe(2);
		expect(find('JUGEND-ALO')?.row).toBe(2);
		expect(find('Jugendarbeitslosigkeit')?.row).toBe(2);
		expect(find('K02')).toBeUndefined();
	});

	it('knows metadata sheets by their names', () => {
		expect(looksLikeMetadataSheet('Metadaten')).toBe(true);
		expect(looksLikeMetadataSheet('Erläuterungen ')).toBe(true);
		expect(looksLikeMetadataSheet('T1 Planungsräume')).toBe(false);
		expect(looksLikeMetadataSheet('Impressum')).toBe(false);
	});
});
