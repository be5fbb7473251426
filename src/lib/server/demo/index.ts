// Demo city "Musterstadt": `qk seed demo [--remove]` and the first start of an empty embedded install.
export {
	DEMO_ACCOUNTS,
	DEMO_ORGANISATION_NAME,
	DEMO_PASSWORD,
	DEMO_QUARTER_MANAGER_AREA,
	type DemoAccount
} from './accounts';
export { DEMO_CITY_NAME, DEMO_LEVELS, generateDemoCity, type DemoArea, type DemoCity } from './city';
export {
	DemoSeedError,
	removeDemo,
	seedDemo,
	seedDemoIfEmpty,
	type DemoSeedErrorCode,
	type DemoSeedResult
} from './seed';
