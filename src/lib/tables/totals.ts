// Rows that are not areas but totals of them: "insgesamt", "Summe", "Stadt gesamt", "Bezirk Mitte
// zusammen", "Berlin". Recognised by their label so they are listed, not refused as unknown keys.

const TOTAL_LABEL =
	/(^|[\s(/-])(insgesamt|gesamt|summe|zusammen|total|alle gebiete|gesamtstadt|stadt gesamt|stadtgebiet|summen?zeile|zwischensumme|ingesamt)($|[\s)/:.-])/i;
const TOTAL_START = /^(summe|gesamt|insgesamt|zusammen|total|σ)\b/i;

/** Whether the key or name of a row says it is a total or subtotal of areas. */
export function isTotalLabel(...labels: readonly string[]): boolean {
	return labels.some((raw) => {
		const label = raw.trim();
		return label !== '' && (TOTAL_START.test(label) || TOTAL_LABEL.test(label));
	});
}
