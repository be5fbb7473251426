// Shapes the monitoring pages pass from the server to their components (plain data, no functions).

export type Polarity = 'higher_is_better' | 'higher_is_worse' | 'neutral';

export type ClassMethod = 'quantile' | 'equal' | 'ckmeans' | 'stddev';

/** Why a published value is missing: protected (small numbers), an official placeholder, or no row. */
export type ValueReasonCode =
	| 'small_population'
	| 'small_count'
	| 'secondary'
	| 'missing'
	| 'unknown_or_secret'
	| 'not_applicable'
	| 'too_uncertain'
	| 'not_yet_available'
	| 'no_value';

export interface LegendClass {
	from: number;
	to: number;
	color: string;
}

export interface MapRow {
	key: string;
	name: string;
	value: number | null;
	category: string | null;
	count: number | null;
	reason: ValueReasonCode | null;
	suppressed: boolean;
	/** index into the legend classes, null without a value */
	classIndex: number | null;
}
