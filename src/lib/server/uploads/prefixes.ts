// Where each module stores its files: the first segment of every storage key. Every file under one
// of these prefixes has a qk.upload row; the orphan clean-up (orphans.ts) scans exactly this list, so
// a module that stores files names its prefix here and builds its keys from it
// (tests/unit/uploads/upload-prefixes.test.ts finds storage writes with any other literal prefix).
export const UPLOAD_PREFIX = {
	/** Map contributions' photos: contributions/<contribution>/<upload>.<ext> */
	contributions: 'contributions/',
	/** Consultation header images: consultations/<uuid>.<ext> */
	consultations: 'consultations/',
	/** Area imports (GeoJSON, shapefile zips): imports/<import>/<file> */
	imports: 'imports/',
	/** Survey file answers: surveys/<survey>/<uuid>.<ext> */
	surveys: 'surveys/',
	/** Event documents (minutes, photos): events/<uuid>.<ext> */
	events: 'events/',
	/** Idea photos: ideas/<idea>/<upload>.<ext> */
	ideas: 'ideas/'
} as const;

export const UPLOAD_PREFIXES: readonly string[] = Object.values(UPLOAD_PREFIX);
