// Reads what a Leaflet map on the page really shows, so a spec can set the map beside its text twin
// (the list, the cards, the table). The project's maps draw on a canvas, so markers and areas are not
// in the DOM; the probe asks Leaflet itself. Leaflet 1.x puts itself on `window.L` when it loads
// (also when bundled); an init script catches that moment and registers every map created from then
// on. Nothing in the app is changed for it.
//
//   await installMapProbe(page);            // before the first page.goto
//   await page.goto('/termine');
//   const shown = await readMap(page.getByTestId('events-map'));   // markers and areas on that map
import { expect, type Locator, type Page } from '@playwright/test';

export interface MapMarker {
	lat: number;
	lon: number;
	/** the marker's tooltip text, if it has one */
	label: string | null;
	/** inside the part of the map that is currently visible */
	inView: boolean;
}

export interface MapArea {
	/** `properties.key` of the GeoJSON feature */
	key: string;
	/** filled with a pattern (the hatching of protected values) rather than a colour */
	hatched: boolean;
	/** the fill colour, or null for a pattern */
	fill: string | null;
	/** the tooltip text (computed the way Leaflet would show it) */
	label: string | null;
}

export interface MapReading {
	/** a Leaflet map was found for the element */
	found: boolean;
	markers: MapMarker[];
	areas: MapArea[];
}

/** Registers every Leaflet map the page creates; call before the first navigation. */
export async function installMapProbe(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const w = window as unknown as Record<string, unknown>;
		if (w.__qkMaps) return;
		const maps: unknown[] = [];
		w.__qkMaps = maps;
		let current: unknown;
		Object.defineProperty(window, 'L', {
			configurable: true,
			get: () => current,
			set(lib: { Map?: { addInitHook(fn: () => void): void } } | undefined) {
				current = lib;
				if (!lib?.Map || w.__qkLeaflet === lib) return;
				w.__qkLeaflet = lib;
				lib.Map.addInitHook(function (this: unknown) {
					maps.push(this);
				});
			}
		});
	});
}

/**
 * What the map at `map` (its container, or an element around or inside it) shows right now: every
 * circle marker or marker, and every GeoJSON area. Layers taken off the map are not counted.
 */
export async function readMap(map: Locator): Promise<MapReading> {
	return map.evaluate((el) => {
		type LayerLike = {
			getLatLng?: () => { lat: number; lng: number };
			getTooltip?: () => { getContent(): unknown } | undefined;
			feature?: { properties?: { key?: unknown } };
			options?: { fillColor?: unknown };
		};
		type MapLike = {
			getContainer(): HTMLElement;
			getBounds(): { contains(ll: unknown): boolean };
			eachLayer(fn: (layer: LayerLike) => void): void;
			_loaded?: boolean;
		};
		const w = window as unknown as {
			__qkMaps?: MapLike[];
			__qkLeaflet?: { CircleMarker: unknown; Marker: unknown; Path: unknown };
		};
		const L = w.__qkLeaflet as
			{ CircleMarker: new () => object; Marker: new () => object; Path: new () => object } | undefined;
		const candidates = (w.__qkMaps ?? []).filter((m) => {
			const c = m.getContainer();
			return c.isConnected && (c === el || el.contains(c) || c.contains(el));
		});
		const found = candidates.at(-1);
		if (!found || !L) return { found: false, markers: [], areas: [] };
		const text = (layer: LayerLike): string | null => {
			const content = layer.getTooltip?.()?.getContent();
			const value = typeof content === 'function' ? (content as (l: unknown) => unknown)(layer) : content;
			if (value == null) return null;
			if (value instanceof HTMLElement) return value.textContent?.trim() ?? '';
			const box = document.createElement('div');
			box.innerHTML = String(value);
			return box.textContent?.trim() ?? '';
		};
		const view = found.getBounds();
		const markers: MapMarker[] = [];
		const areas: MapArea[] = [];
		found.eachLayer((layer) => {
			if (layer instanceof L.CircleMarker || layer instanceof L.Marker) {
				const ll = layer.getLatLng!();
				markers.push({ lat: ll.lat, lon: ll.lng, label: text(layer), inView: view.contains(ll) });
			} else if (layer instanceof L.Path && layer.feature) {
				const fill = layer.options?.fillColor;
				areas.push({
					key: String(layer.feature.properties?.key ?? ''),
					hatched: fill !== undefined && typeof fill !== 'string',
					fill: typeof fill === 'string' ? fill : null,
					label: text(layer)
				});
			}
		});
		return { found: true, markers, areas };
	});
}

/** Waits until the map has a Leaflet map (and, if given, exactly `count` markers), then reads it. */
export async function readMapWhenReady(map: Locator, count?: number): Promise<MapReading> {
	await expect
		.poll(async () => {
			const r = await readMap(map);
			return r.found && (count === undefined || r.markers.length === count);
		})
		.toBe(true);
	return readMap(map);
}

/** Marker positions rounded to 5 decimals (about a metre) and sorted, to compare with known places. */
export function markerPlaces(reading: MapReading): string[] {
	return reading.markers.map((m) => `${m.lat.toFixed(5)},${m.lon.toFixed(5)}`).sort();
}
