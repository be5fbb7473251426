// The report document model (browser-safe, no database): the data a report is built from, the blocks
// it consists of, and the pure builder between them. The DOCX, PDF and XLSX writers
// (src/lib/server/reports/render-*.ts) draw these blocks; they never see raw data, so small-number
// suppression and the absence of personal data are decided here once, for every format.

import { formatDate } from '../format/dates';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A value as printed: a number, or a sign of official statistics ("." = secret, "–" = nothing). */
export type Cell = string | number | null;

export interface BarChart {
	kind: 'bars';
	title: string;
	unit: string;
	bars: { label: string; value: number | null }[];
	/** The city average, drawn as a line */
	reference: { label: string; value: number } | null;
}

export interface AreaMap {
	kind: 'map';
	title: string;
	width: number;
	height: number;
	/** SVG path data in a 0 0 width height box; `selected` areas are filled */
	shapes: { label: string; d: string; selected: boolean }[];
}

export type Chart = BarChart | AreaMap;

export type Block =
	| { type: 'heading'; level: 1 | 2 | 3; text: string }
	| { type: 'paragraph'; text: string; style?: 'lead' | 'note' }
	| {
			type: 'table';
			/** sheet name in XLSX (unique, ≤ 31 characters) */
			key: string;
			title: string;
			columns: string[];
			/** right-aligned (numeric) columns */
			numeric: boolean[];
			rows: Cell[][];
	  }
	| { type: 'chart'; chart: Chart; alt: string }
	| { type: 'quote'; text: string; source: string }
	| { type: 'pageBreak' };

export interface SourceEntry {
	name: string;
	definition: string;
	source: string;
	asOf: string;
	licence: string;
}

export interface ReportDocument {
	title: string;
	subtitle: string;
	/** YYYY-MM-DD (file names) */
	date: string;
	/** The same day as the report's language writes it ("02.12.2026") */
	dateText: string;
	locale: string;
	blocks: Block[];
	sources: SourceEntry[];
	/**
	 * The methods annex (definitions and the suppression rule), one text for every output: the DOCX and
	 * PDF annex, the XLSX "Methoden" sheet and the templates' {methods} placeholders.
	 */
	methods: { title: string; paragraphs: string[] };
	/** Figures of this run, for "what changed since" next time: key → number or null (suppressed) */
	figures: Record<string, number | null>;
	/** The same content as plain data for a municipality's own DOCX template */
	templateData: Record<string, unknown>;
}

// ---------- the input ----------

export interface ReportArea {
	id: string;
	key: string;
	name: string;
	levelName: string;
	population: number | null;
}

export interface ReportIndicator {
	key: string;
	name: string;
	unit: string;
	definition: string;
	source: string;
	/** the licence of the indicator's data; '' = the platform's (ReportInput.licence) */
	licence: string;
	asOf: string;
	year: number | null;
	/** decimals to print */
	scale: number;
}

export interface ReportFigure {
	areaKey: string;
	indicatorKey: string;
	value: number | null;
	/** the absolute number behind the value, where published */
	count: number | null;
	/** true when small-number protection hid the value */
	suppressed: boolean;
	city: number | null;
	cityCount: number | null;
}

/**
 * Participation of one area, per figure (contributions, survey responses, supports, workshop
 * attendance): counts already decided by the joint small-number rule (null = hidden); the builder
 * applies the rule of k once more to whatever it prints.
 */
export interface ReportReach {
	areaKey: string;
	figures: { key: string; online: number | null; analog: number | null; per1000: number | null }[];
	/** social index class (zindex.ts INDEX_CLASSES; null: none) */
	indexClass: string | null;
}

export interface ReportTheme {
	name: string;
	synthesis: string;
	count: number;
	quotes: string[];
}

export interface ReportIdea {
	title: string;
	status: string;
	response: string | null;
}

export interface ReportMeasure {
	title: string;
	status: string;
	progress: number | null;
}

export interface ReportInput {
	title: string;
	cityName: string;
	generatedAt: Date;
	locale: string;
	/** the rule of k: counts 1…k−1 are shown as "." */
	k: number;
	minPopulation: number;
	/** the platform's licence: for every indicator (and boundary) that names none of its own */
	licence: string;
	/** where the boundaries of the areas' levels come from ('' = not recorded) */
	geometrySources?: { levelName: string; source: string; licence: string }[];
	areas: ReportArea[];
	indicators: ReportIndicator[];
	figures: ReportFigure[];
	reach: ReportReach[];
	consultations: string[];
	themes: ReportTheme[];
	ideas: ReportIdea[];
	measures: ReportMeasure[];
	map: { width: number; height: number; shapes: AreaMap['shapes'] } | null;
	previous: { at: Date; figures: Record<string, number | null> } | null;
	/** label of each participation figure key */
	figureLabels: Record<string, string>;
	indexClassLabels: Record<string, string>;
}

// ---------- small-number protection ----------

export const SECRET = '.';
export const NOTHING = '–';

/** How a cell is printed in DOCX, PDF and templates (XLSX keeps numbers as numbers). */
export function printCell(value: Cell, locale: string): string {
	if (value === null) return '';
	if (typeof value === 'string') return value;
	const decimals = Number.isInteger(value) ? 0 : Math.min(3, String(value).split('.')[1]?.length ?? 0);
	return new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale, {
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals
	}).format(value);
}

/** A count about people or input in an area: 0 stays, 1…k−1 becomes null (printed "."), else itself. */
export function protectCount(n: number, k: number): number | null {
	if (n === 0) return 0;
	return n < k ? null : n;
}

/** Sum of counts where every part is known (a total of protected parts would reveal them). */
export function protectedTotal(parts: readonly (number | null)[]): number | null {
	return parts.every((p) => p !== null) ? parts.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
}

/** Per 1,000 residents, one decimal; null when the count is protected or the population unknown. */
export function perThousand(count: number | null, population: number | null): number | null {
	if (count === null || population === null || population <= 0) return null;
	return Math.round((count / population) * 10000) / 10;
}

export function formatNumber(value: number | null, locale: string, decimals = 0): string {
	if (value === null) return SECRET;
	return new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale, {
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals
	}).format(value);
}

export function cellOf(value: number | null, locale: string, decimals = 0): Cell {
	return value === null ? SECRET : Number(value.toFixed(decimals));
}

// ---------- "what changed since" ----------

export interface FigureChange {
	key: string;
	previous: number | null;
	current: number | null;
	change: number | null;
}

/** Compares two runs' figures (keys of either run); change is null where either side is unknown. */
export function diffFigures(
	previous: Record<string, number | null>,
	current: Record<string, number | null>
): FigureChange[] {
	const keys = [...new Set([...Object.keys(previous), ...Object.keys(current)])].sort();
	return keys.map((key) => {
		const p = previous[key] ?? null;
		const c = current[key] ?? null;
		return {
			key,
			previous: p,
			current: c,
			change: p === null || c === null ? null : Math.round((c - p) * 1000) / 1000
		};
	});
}

// ---------- the builder ----------

const sheetKey = (s: string) => s.slice(0, 31);

function isoDate(d: Date): string {
	// Berlin calendar day
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(d);
}

export function buildReportDocument(input: ReportInput, t: Translate): ReportDocument {
	const { locale, k } = input;
	const p = 'reports.doc.';
	const blocks: Block[] = [];
	const figures: Record<string, number | null> = {};
	const labels = new Map<string, string>();
	const date = isoDate(input.generatedAt);
	// Shown in the text, footers and templates in the report's language; `date` (ISO) names the file.
	const dateText = formatDate(input.generatedAt, locale);
	const areaNames = input.areas.map((a) => a.name).join(', ');

	blocks.push({ type: 'heading', level: 1, text: input.title });
	blocks.push({
		type: 'paragraph',
		style: 'lead',
		text: t(`${p}lead`, { city: input.cityName, date: dateText, areas: areaNames })
	});
	if (input.consultations.length)
		blocks.push({
			type: 'paragraph',
			text: t(`${p}consultations`, { list: input.consultations.join(', ') })
		});

	// 1. area profiles
	blocks.push({ type: 'heading', level: 2, text: t(`${p}profiles`) });
	if (input.map && input.map.shapes.length)
		blocks.push({
			type: 'chart',
			chart: { kind: 'map', title: t(`${p}mapTitle`), ...input.map },
			alt: t(`${p}mapAlt`, { areas: areaNames })
		});
	const figure = (areaKey: string, indicatorKey: string) =>
		input.figures.find((f) => f.areaKey === areaKey && f.indicatorKey === indicatorKey);
	const templateAreas: Record<string, unknown>[] = [];
	for (const area of input.areas) {
		blocks.push({ type: 'heading', level: 3, text: `${area.name} (${area.levelName})` });
		blocks.push({
			type: 'paragraph',
			text: t(`${p}population`, { population: formatNumber(area.population, locale) })
		});
		const rows: Cell[][] = [];
		const templateRows: Record<string, string>[] = [];
		for (const ind of input.indicators) {
			const f = figure(area.key, ind.key);
			const value = f && !f.suppressed ? f.value : null;
			const count = f && !f.suppressed ? f.count : null;
			const key = `indicator:${ind.key}:${area.key}`;
			figures[key] = value;
			labels.set(key, `${ind.name} – ${area.name}`);
			const row: Cell[] = [
				ind.name,
				f && f.value === null && !f.suppressed ? NOTHING : cellOf(value, locale, ind.scale),
				count === null ? (f?.suppressed ? SECRET : NOTHING) : count,
				f?.city === null || f?.city === undefined ? NOTHING : cellOf(f.city, locale, ind.scale),
				ind.unit,
				ind.year === null ? NOTHING : String(ind.year)
			];
			rows.push(row);
			templateRows.push({
				name: ind.name,
				value: String(row[1]),
				count: String(row[2]),
				city: String(row[3]),
				unit: ind.unit,
				year: String(row[5])
			});
		}
		if (rows.length)
			blocks.push({
				type: 'table',
				key: sheetKey(`${t(`${p}sheetProfile`)} ${area.key}`),
				title: t(`${p}profileTable`, { area: area.name }),
				columns: [
					t(`${p}col.indicator`),
					t(`${p}col.value`),
					t(`${p}col.count`),
					t(`${p}col.city`, { city: input.cityName }),
					t(`${p}col.unit`),
					t(`${p}col.year`)
				],
				numeric: [false, true, true, true, false, false],
				rows
			});
		templateAreas.push({
			name: area.name,
			key: area.key,
			level: area.levelName,
			population: formatNumber(area.population, locale),
			indicators: templateRows
		});
	}
	if (!input.indicators.length)
		blocks.push({ type: 'paragraph', style: 'note', text: t(`${p}noIndicators`) });
	// one bar chart per indicator: the chosen areas beside the city average
	// (rates and shares only: a count beside the city's total says nothing)
	for (const ind of input.indicators.filter((i) => i.scale > 0).slice(0, 8)) {
		const bars = input.areas.map((a) => {
			const f = figure(a.key, ind.key);
			return { label: a.name, value: f && !f.suppressed ? f.value : null };
		});
		const city = input.figures.find((f) => f.indicatorKey === ind.key && f.city !== null)?.city ?? null;
		if (bars.every((b) => b.value === null)) continue;
		blocks.push({
			type: 'chart',
			chart: {
				kind: 'bars',
				title: `${ind.name}${ind.year ? ` (${ind.year})` : ''}`,
				unit: ind.unit,
				bars,
				reference:
					city === null ? null : { label: t(`${p}cityAverage`, { city: input.cityName }), value: city }
			},
			alt: t(`${p}chartAlt`, {
				indicator: ind.name,
				values: bars.map((b) => `${b.label} ${formatNumber(b.value, locale, ind.scale)}`).join('; '),
				city: formatNumber(city, locale, ind.scale)
			})
		});
	}

	// 2. participation: counts by channel, who was reached
	blocks.push({ type: 'heading', level: 2, text: t(`${p}participation`) });
	blocks.push({ type: 'paragraph', text: t(`${p}participationIntro`, { max: k - 1 }) });
	const reachRows: Cell[][] = [];
	const templateReach: Record<string, string>[] = [];
	const sums = new Map<string, { online: (number | null)[]; analog: (number | null)[] }>();
	for (const area of input.areas) {
		const r = input.reach.find((x) => x.areaKey === area.key);
		const indexLabel = r?.indexClass ? (input.indexClassLabels[r.indexClass] ?? r.indexClass) : NOTHING;
		const totals: (number | null)[] = [];
		for (const f of r?.figures ?? []) {
			const online = f.online === null ? null : protectCount(f.online, k);
			const analog = f.analog === null ? null : protectCount(f.analog, k);
			// a hidden part with a published total would be recovered by subtraction: hide all three
			const hidden = online === null || analog === null;
			const total = hidden ? null : protectCount(online + analog, k);
			const shown = total === null ? [null, null] : [online, analog];
			totals.push(total);
			const s = sums.get(f.key) ?? { online: [], analog: [] };
			s.online.push(shown[0]);
			s.analog.push(shown[1]);
			sums.set(f.key, s);
			const row: Cell[] = [
				area.name,
				input.figureLabels[f.key] ?? f.key,
				shown[0] ?? SECRET,
				shown[1] ?? SECRET,
				total ?? SECRET,
				total === null || f.per1000 === null ? SECRET : Number(f.per1000.toFixed(1)),
				indexLabel
			];
			reachRows.push(row);
			templateReach.push({
				area: area.name,
				figure: String(row[1]),
				online: String(row[2]),
				analog: String(row[3]),
				total: String(row[4]),
				perThousand: String(row[5]),
				indexClass: String(row[6])
			});
		}
		figures[`reach:${area.key}`] = protectedTotal(totals);
		labels.set(`reach:${area.key}`, t(`${p}reachFigure`, { area: area.name }));
	}
	blocks.push({
		type: 'table',
		key: sheetKey(t(`${p}sheetReach`)),
		title: t(`${p}reachTable`),
		columns: [
			t(`${p}col.area`),
			t(`${p}col.figure`),
			t(`${p}col.online`),
			t(`${p}col.analog`),
			t(`${p}col.total`),
			t(`${p}col.perThousand`),
			t(`${p}col.indexClass`)
		],
		numeric: [false, false, true, true, true, true, false],
		rows: reachRows
	});
	// by channel over all chosen areas: a sum only where every area's part is published
	const channelRows: Cell[][] = [...sums.entries()].map(([key, s]) => {
		const online = protectedTotal(s.online);
		const analog = protectedTotal(s.analog);
		return [input.figureLabels[key] ?? key, online ?? SECRET, analog ?? SECRET];
	});
	if (channelRows.length)
		blocks.push({
			type: 'table',
			key: sheetKey(t(`${p}sheetChannels`)),
			title: t(`${p}channelTable`),
			columns: [t(`${p}col.figure`), t(`${p}col.online`), t(`${p}col.analog`)],
			numeric: [false, true, true],
			rows: channelRows
		});

	// 3. themes
	blocks.push({ type: 'heading', level: 2, text: t(`${p}themes`) });
	if (!input.themes.length) blocks.push({ type: 'paragraph', style: 'note', text: t(`${p}noThemes`) });
	const templateThemes: Record<string, unknown>[] = [];
	for (const theme of input.themes) {
		const count = protectCount(theme.count, k);
		figures[`theme:${theme.name}`] = count;
		labels.set(`theme:${theme.name}`, t(`${p}themeFigure`, { theme: theme.name }));
		blocks.push({ type: 'heading', level: 3, text: theme.name });
		blocks.push({
			type: 'paragraph',
			style: 'note',
			text: t(`${p}themeCount`, { count: count === null ? SECRET : formatNumber(count, locale) })
		});
		if (theme.synthesis) blocks.push({ type: 'paragraph', text: theme.synthesis });
		// quotes only where enough voices stand behind the theme
		const quotes = count === null ? [] : theme.quotes.slice(0, 3);
		for (const q of quotes) blocks.push({ type: 'quote', text: q, source: t(`${p}quoteSource`) });
		templateThemes.push({
			name: theme.name,
			synthesis: theme.synthesis,
			count: count === null ? SECRET : String(count),
			quotes: quotes.map((text) => ({ text }))
		});
	}

	// 4. ideas with official responses
	blocks.push({ type: 'heading', level: 2, text: t(`${p}ideas`) });
	if (!input.ideas.length) blocks.push({ type: 'paragraph', style: 'note', text: t(`${p}noIdeas`) });
	else
		blocks.push({
			type: 'table',
			key: sheetKey(t(`${p}sheetIdeas`)),
			title: t(`${p}ideasTable`),
			columns: [t(`${p}col.idea`), t(`${p}col.status`), t(`${p}col.response`)],
			numeric: [false, false, false],
			rows: input.ideas.map((i) => [i.title, i.status, i.response ?? NOTHING])
		});

	// 5. measures with progress
	blocks.push({ type: 'heading', level: 2, text: t(`${p}measures`) });
	if (!input.measures.length) blocks.push({ type: 'paragraph', style: 'note', text: t(`${p}noMeasures`) });
	else
		blocks.push({
			type: 'table',
			key: sheetKey(t(`${p}sheetMeasures`)),
			title: t(`${p}measuresTable`),
			columns: [t(`${p}col.measure`), t(`${p}col.status`), t(`${p}col.progress`)],
			numeric: [false, false, true],
			rows: input.measures.map((m) => [m.title, m.status, m.progress ?? NOTHING])
		});

	// 6. what changed since the last run
	let changeRows: Cell[][] = [];
	if (input.previous) {
		blocks.push({ type: 'heading', level: 2, text: t(`${p}changes`) });
		blocks.push({
			type: 'paragraph',
			text: t(`${p}changesIntro`, { date: formatDate(input.previous.at, locale) })
		});
		const changes = diffFigures(input.previous.figures, figures).filter((c) => labels.has(c.key));
		changeRows = changes.map((c) => [
			labels.get(c.key) ?? c.key,
			c.previous ?? SECRET,
			c.current ?? SECRET,
			c.change ?? NOTHING
		]);
		blocks.push({
			type: 'table',
			key: sheetKey(t(`${p}sheetChanges`)),
			title: t(`${p}changesTable`),
			columns: [t(`${p}col.changeFigure`), t(`${p}col.previous`), t(`${p}col.current`), t(`${p}col.change`)],
			numeric: [false, true, true, true],
			rows: changeRows
		});
	}

	// annex: methods, definitions, sources
	// each indicator's own source and licence, the platform's licence only where it names none;
	// then the boundaries of the areas' levels
	const sources: SourceEntry[] = [
		...input.indicators.map((i) => ({
			name: i.name,
			definition: i.definition,
			source: i.source,
			asOf: i.asOf,
			licence: i.licence.trim() || input.licence
		})),
		...(input.geometrySources ?? []).map((g) => ({
			name: t(`${p}geometryName`, { level: g.levelName }),
			definition: t(`${p}geometryDefinition`),
			source: g.source.trim() || t(`${p}geometryUnknown`),
			asOf: '',
			licence: g.licence.trim() || input.licence
		}))
	];
	const methods = {
		title: t(`${p}methods`),
		paragraphs: [
			t(`${p}methodsCity`, { city: input.cityName }),
			t(`${p}methodsSuppression`, { max: k - 1, population: formatNumber(input.minPopulation, locale) }),
			t(`${p}methodsReach`),
			t(`${p}methodsSigns`),
			t(`${p}methodsPrivacy`)
		]
	};
	blocks.push({ type: 'pageBreak' });
	blocks.push({ type: 'heading', level: 2, text: methods.title });
	for (const text of methods.paragraphs) blocks.push({ type: 'paragraph', text });
	blocks.push({
		type: 'table',
		key: sheetKey(t(`${p}sheetSources`)),
		title: t(`${p}sourcesTable`),
		columns: [
			t(`${p}col.indicator`),
			t(`${p}col.definition`),
			t(`${p}col.source`),
			t(`${p}col.asOf`),
			t(`${p}col.licence`)
		],
		numeric: [false, false, false, false, false],
		rows: sources.map((s) => [s.name, s.definition, s.source, s.asOf, s.licence])
	});

	return {
		title: input.title,
		subtitle: t(`${p}subtitle`, { city: input.cityName }),
		date,
		dateText,
		locale,
		blocks,
		sources,
		methods,
		figures,
		templateData: {
			title: input.title,
			city: input.cityName,
			date: dateText,
			areas: templateAreas,
			reach: templateReach,
			themes: templateThemes,
			ideas: input.ideas.map((i) => ({ ...i, response: i.response ?? NOTHING })),
			measures: input.measures.map((m) => ({
				...m,
				progress: m.progress === null ? NOTHING : String(m.progress)
			})),
			k: String(k),
			sources,
			// the methods annex: {methodsTitle}, {#methods}{text}{/methods} or {methodsText} (one block)
			methodsTitle: methods.title,
			methods: methods.paragraphs.map((text) => ({ text })),
			methodsText: methods.paragraphs.join('\n'),
			// what changed since the last run: {#hasChanges}{changesSince} {#changes}{figure} {previous}
			// {current} {change}{/changes}{/hasChanges} (empty on a first run)
			hasChanges: input.previous != null,
			changesSince: input.previous ? formatDate(input.previous.at, locale) : '',
			changes: changeRows.map(([figure, previous, current, change]) => ({
				figure: printCell(figure, locale),
				previous: printCell(previous, locale),
				current: printCell(current, locale),
				change: printCell(change, locale)
			}))
		}
	};
}
