// Shared by the server check and the browser solver of the anonymous-posting proof-of-work.

/** How many zero bits the bytes start with. */
export function leadingZeroBits(bytes: Uint8Array): number {
	let bits = 0;
	for (const byte of bytes) {
		if (byte === 0) {
			bits += 8;
			continue;
		}
		return bits + Math.clz32(byte) - 24;
	}
	return bits;
}

/** Browser: finds a nonce for the challenge (Web Crypto; yields to the page between batches). */
export async function solveChallenge(challenge: string, bits: number, signal?: AbortSignal): Promise<string> {
	const encoder = new TextEncoder();
	for (let n = 0; ; n++) {
		if (signal?.aborted) throw new Error('aborted');
		const nonce = n.toString(36);
		const hash = new Uint8Array(
			await crypto.subtle.digest('SHA-256', encoder.encode(`${challenge}:${nonce}`))
		);
		if (leadingZeroBits(hash) >= bits) return nonce;
		if (n % 500 === 499) await new Promise((r) => setTimeout(r, 0));
	}
}
