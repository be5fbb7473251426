// SPSS files from a survey table (pure, browser-safe): a system file (.sav) and the syntax (.sps)
// that reads the matching CSV, as LimeSurvey offers both. No maintained npm package writes .sav (the
// one "sav-writer" release is a single 1.0.0 without variable or value labels), so this is a small
// writer of the documented format (PSPP's "System File Format" appendix):
//   record 1 (header), 2 (variables, one per 8-byte segment), 3 + 4 (value labels),
//   7.3 (integer info: IEEE, little-endian, code page 65001), 7.4 (float info), 7.11 (measure,
//   width, alignment), 7.13 (long variable names), 7.20 (character encoding "UTF-8"), 999, then the
//   cases uncompressed. Strings are at most 255 bytes (longer free texts are cut at a character
//   boundary; the full text is in CSV/XLSX).

export interface SpssVariable {
	/** long name (letter first, letters/digits/underscore, ≤ 64) */
	name: string;
	label: string;
	kind: 'numeric' | 'string' | 'date';
	/** numeric: decimals shown */
	decimals?: number;
	/** string: width in bytes (1…255) */
	width?: number;
	measure: 'nominal' | 'ordinal' | 'scale';
	valueLabels?: { value: number; label: string }[];
}

export type SpssValue = number | string | null;

export interface SpssTable {
	fileLabel: string;
	variables: SpssVariable[];
	/** one row per case; numeric/date: number (date: YYYY-MM-DD string) or null; string: string or null */
	rows: SpssValue[][];
}

const enc = new TextEncoder();
const MAX_STRING = 255;

/** Cuts UTF-8 bytes at a character boundary. */
export function utf8Cut(s: string, max: number): Uint8Array {
	const b = enc.encode(s);
	if (b.length <= max) return b;
	let end = max;
	while (end > 0 && (b[end] & 0xc0) === 0x80) end--;
	return b.slice(0, end);
}

/** Seconds from 14 Oct 1582 (SPSS's epoch) to midnight UTC of a YYYY-MM-DD date. */
export function spssDate(iso: string): number | null {
	const t = Date.parse(`${iso}T00:00:00Z`);
	if (Number.isNaN(t)) return null;
	const epoch = Date.UTC(1582, 9, 14);
	return (t - epoch) / 1000;
}

/** Unique SPSS short names (≤ 8 bytes, upper case) for the long names. */
export function shortNames(names: readonly string[]): string[] {
	const used = new Set<string>();
	return names.map((name) => {
		const base =
			name
				.toUpperCase()
				.replace(/[^A-Z0-9_]/g, '_')
				.slice(0, 8) || 'V';
		let candidate = /^[A-Z]/.test(base) ? base : `V${base}`.slice(0, 8);
		for (let i = 1; used.has(candidate); i++) {
			const suffix = String(i);
			candidate = `${base.slice(0, 8 - suffix.length)}${suffix}`;
			if (!/^[A-Z]/.test(candidate)) candidate = `V${candidate.slice(1)}`;
		}
		used.add(candidate);
		return candidate;
	});
}

class Writer {
	private chunks: Uint8Array[] = [];
	private size = 0;
	bytes(b: Uint8Array) {
		this.chunks.push(b);
		this.size += b.length;
	}
	int32(...values: number[]) {
		const b = new Uint8Array(4 * values.length);
		const v = new DataView(b.buffer);
		values.forEach((x, i) => v.setInt32(i * 4, x, true));
		this.bytes(b);
	}
	float64(...values: number[]) {
		const b = new Uint8Array(8 * values.length);
		const v = new DataView(b.buffer);
		values.forEach((x, i) => v.setFloat64(i * 8, x, true));
		this.bytes(b);
	}
	/** bytes padded with spaces (or cut) to exactly n */
	padded(s: string | Uint8Array, n: number) {
		const src = typeof s === 'string' ? utf8Cut(s, n) : s.slice(0, n);
		const b = new Uint8Array(n).fill(0x20);
		b.set(src);
		this.bytes(b);
	}
	result(): Uint8Array {
		const out = new Uint8Array(this.size);
		let o = 0;
		for (const c of this.chunks) {
			out.set(c, o);
			o += c.length;
		}
		return out;
	}
}

const SYSMIS = -Number.MAX_VALUE;
const LOWEST = (() => {
	const v = new DataView(new ArrayBuffer(8));
	v.setBigUint64(0, 0xffeffffffffffffen);
	return v.getFloat64(0);
})();

const FMT_F = 5;
const FMT_A = 1;
const FMT_DATE = 20;
const fmt = (type: number, width: number, decimals: number) => (type << 16) | (width << 8) | decimals;

function widthOf(v: SpssVariable): number {
	return Math.min(MAX_STRING, Math.max(1, v.width ?? 1));
}
function segmentsOf(v: SpssVariable): number {
	return v.kind === 'string' ? Math.ceil(widthOf(v) / 8) : 1;
}

/** Writes an uncompressed SPSS system file. */
export function writeSav(table: SpssTable, now: Date = new Date()): Uint8Array {
	const w = new Writer();
	const vars = table.variables;
	const shorts = shortNames(vars.map((v) => v.name));
	const nominalCaseSize = vars.reduce((s, v) => s + segmentsOf(v), 0);

	// 1: header
	w.padded('$FL2', 4);
	w.padded('@(#) SPSS DATA FILE Quartierskompass', 60);
	w.int32(2, nominalCaseSize, 0, 0, table.rows.length);
	w.float64(100);
	const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
	const p2 = (x: number) => String(x).padStart(2, '0');
	w.padded(`${p2(now.getUTCDate())} ${mon[now.getUTCMonth()]} ${p2(now.getUTCFullYear() % 100)}`, 9);
	w.padded(`${p2(now.getUTCHours())}:${p2(now.getUTCMinutes())}:${p2(now.getUTCSeconds())}`, 8);
	w.padded(table.fileLabel, 64);
	w.padded('', 3);

	// 2: variables; dictionary indices (1-based, counting continuation segments) for record 4
	const dictIndex: number[] = [];
	let index = 1;
	vars.forEach((v, i) => {
		dictIndex.push(index);
		const label = utf8Cut(v.label, 255);
		const type = v.kind === 'string' ? widthOf(v) : 0;
		const f =
			v.kind === 'string'
				? fmt(FMT_A, widthOf(v), 0)
				: v.kind === 'date'
					? fmt(FMT_DATE, 11, 0)
					: fmt(FMT_F, 8, v.decimals ?? 0);
		w.int32(2, type, label.length ? 1 : 0, 0, f, f);
		w.padded(shorts[i], 8);
		if (label.length) {
			w.int32(label.length);
			w.padded(label, Math.ceil(label.length / 4) * 4);
		}
		for (let s = 1; s < segmentsOf(v); s++) {
			w.int32(2, -1, 0, 0, 0, 0);
			w.padded('', 8);
		}
		index += segmentsOf(v);
	});

	// 3 + 4: value labels (numeric variables)
	vars.forEach((v, i) => {
		if (v.kind === 'string' || !v.valueLabels?.length) return;
		w.int32(3, v.valueLabels.length);
		for (const { value, label } of v.valueLabels) {
			w.float64(value);
			const b = utf8Cut(label, 120);
			const total = Math.ceil((b.length + 1) / 8) * 8;
			const rec = new Uint8Array(total).fill(0x20);
			rec[0] = b.length;
			rec.set(b, 1);
			w.bytes(rec);
		}
		w.int32(4, 1, dictIndex[i]);
	});

	// 7.3: integer info — version, machine code, IEEE 754, compression, little-endian, UTF-8
	w.int32(7, 3, 4, 8, 1, 0, 0, -1, 1, 1, 2, 65001);
	// 7.4: float info — system-missing, highest, lowest
	w.int32(7, 4, 8, 3);
	w.float64(SYSMIS, Number.MAX_VALUE, LOWEST);
	// 7.11: measure (1 nominal, 2 ordinal, 3 scale), display width, alignment (0 left, 1 right)
	w.int32(7, 11, 4, vars.length * 3);
	for (const v of vars) {
		const measure = v.measure === 'nominal' ? 1 : v.measure === 'ordinal' ? 2 : 3;
		w.int32(measure, v.kind === 'string' ? Math.min(40, widthOf(v)) : 10, v.kind === 'string' ? 0 : 1);
	}
	// 7.13: long variable names
	const longNames = enc.encode(vars.map((v, i) => `${shorts[i]}=${v.name}`).join('\t'));
	w.int32(7, 13, 1, longNames.length);
	w.bytes(longNames);
	// 7.20: character encoding
	const encoding = enc.encode('UTF-8');
	w.int32(7, 20, 1, encoding.length);
	w.bytes(encoding);
	// 999: end of dictionary
	w.int32(999, 0);

	// cases
	for (const row of table.rows) {
		vars.forEach((v, i) => {
			const value = row[i];
			if (v.kind === 'string') {
				w.padded(
					value === null || value === undefined ? '' : utf8Cut(String(value), widthOf(v)),
					segmentsOf(v) * 8
				);
			} else if (v.kind === 'date') {
				const d = typeof value === 'string' ? spssDate(value) : null;
				w.float64(d ?? SYSMIS);
			} else {
				w.float64(typeof value === 'number' && Number.isFinite(value) ? value : SYSMIS);
			}
		});
	}
	return w.result();
}

/** A string in SPSS syntax quotes ("…", doubled inner quotes, one line). */
function quote(s: string): string {
	return `"${s.replace(/[\r\n\t]+/g, ' ').replace(/"/g, '""')}"`;
}

/**
 * The .sps syntax that reads `csvName` (UTF-8, comma-separated, header row, the values as in
 * `csvForSps`) and sets variable and value labels, levels and formats.
 */
export function writeSps(table: SpssTable, csvName: string): string {
	const vars = table.variables;
	const lines: string[] = [
		`* ${table.fileLabel.replace(/[\r\n]+/g, ' ')}.`,
		'* Quartierskompass: SPSS syntax for the CSV file of the same name.',
		'GET DATA',
		'  /TYPE=TXT',
		`  /FILE=${quote(csvName)}`,
		'  /ENCODING="UTF-8"',
		'  /DELCASE=LINE',
		'  /DELIMITERS=","',
		"  /QUALIFIER='\"'",
		'  /ARRANGEMENT=DELIMITED',
		'  /FIRSTCASE=2',
		'  /VARIABLES='
	];
	vars.forEach((v) => {
		const f =
			v.kind === 'string' ? `A${widthOf(v)}` : v.kind === 'date' ? 'SDATE10' : `F8.${v.decimals ?? 0}`;
		lines.push(`    ${v.name} ${f}`);
	});
	lines[lines.length - 1] += '.';
	lines.push('EXECUTE.');
	lines.push('VARIABLE LABELS');
	vars.forEach((v, i) => lines.push(`  ${v.name} ${quote(v.label)}${i === vars.length - 1 ? '.' : ''}`));
	const labelled = vars.filter((v) => v.kind !== 'string' && v.valueLabels?.length);
	if (labelled.length) {
		lines.push('VALUE LABELS');
		labelled.forEach((v, i) => {
			lines.push(`  /${v.name}`);
			for (const l of v.valueLabels!) lines.push(`    ${l.value} ${quote(l.label)}`);
			if (i === labelled.length - 1) lines[lines.length - 1] += '.';
		});
	}
	const dates = vars.filter((v) => v.kind === 'date');
	if (dates.length) lines.push(`FORMATS ${dates.map((v) => v.name).join(' ')} (DATE11).`);
	for (const m of ['nominal', 'ordinal', 'scale'] as const) {
		const names = vars.filter((v) => v.measure === m).map((v) => v.name);
		if (names.length) lines.push(`VARIABLE LEVEL ${names.join(' ')} (${m.toUpperCase()}).`);
	}
	lines.push('EXECUTE.', '');
	return lines.join('\n');
}

/** The CSV that `writeSps` reads: numeric codes, dates as YYYY/MM/DD, RFC 4180 quoting. */
export function csvForSps(table: SpssTable): string {
	const cell = (v: SpssVariable, x: SpssValue): string => {
		if (x === null || x === undefined) return '';
		if (v.kind === 'date') return typeof x === 'string' ? x.replace(/-/g, '/') : '';
		if (v.kind === 'numeric') return typeof x === 'number' && Number.isFinite(x) ? String(x) : '';
		const s = new TextDecoder().decode(utf8Cut(String(x).replace(/[\r\n]+/g, ' '), widthOf(v)));
		return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	const head = table.variables.map((v) => v.name).join(',');
	const body = table.rows.map((r) => table.variables.map((v, i) => cell(v, r[i])).join(','));
	return [head, ...body].join('\r\n') + '\r\n';
}
