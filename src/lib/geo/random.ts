// Seeded pseudo-random numbers (mulberry32): the same seed always gives the same sequence,
// in the browser and on the server. Not for anything secret.

export type Random = () => number;

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A float in [min, max). */
export function randomBetween(random: Random, min: number, max: number): number {
	return min + (max - min) * random();
}

/** An integer in [min, max] (both inclusive). */
export function randomInt(random: Random, min: number, max: number): number {
	return min + Math.floor(random() * (max - min + 1));
}
