// Attribution for a configured base map: TILE_ATTRIBUTION when set, otherwise the tile server's host.
export function tileAttribution(tileUrl: string, configured: string | null | undefined): string {
	if (configured) return configured;
	return `© ${new URL(tileUrl.replace(/\{[a-z]\}/g, 'a')).host}`;
}
