// Exports through one service (CSV / XLSX / GeoJSON over every module's export definitions).
export {
	collectTables,
	EXPORT_FORMATS,
	exportConsultation,
	isExportFormat,
	type ExportCode,
	type ExportFile,
	type ExportFormat
} from './service';
export { BOM, toCsv } from './csv';
export { berlinDate, csvCell, guardFormula, sheetName, type CsvVariant } from './format';
export { toGeoJson, type ExportFeatureCollection } from './geojson';
export {
	buildTable,
	isSuppressed,
	protectCount,
	SECRET_SIGN,
	SUPPRESSED,
	type CellValue,
	type ExportCell,
	type ExportTable,
	type TableColumn,
	type Translate
} from './table';
export { toXlsx } from './xlsx';
