#!/usr/bin/env bash
# Reference coordinates for tests/unit/geo/projection.test.ts, computed once with PROJ (through GDAL's
# gdaltransform, Debian gdal-bin) and committed as tests/fixtures/generated/projection-reference.json.
# For every case: the WKT a file would carry, a landmark in WGS84, and PROJ's projected coordinates
#   echo "lon lat" | gdaltransform -s_srs OGC:CRS84 -t_srs <file with the WKT>
# The test reads x/y with our code back to WGS84 and compares with the landmark (tolerance 1 m).
#   scripts/geo/make-projection-reference.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=tests/fixtures/generated/projection-reference.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
BERLIN="13.409444 52.520833"
ESSEN="7.0116 51.4556"
MUNICH="11.575556 48.137222"
LUEBECK="10.686389 53.866111"
FRANKFURT="8.682222 50.110556"

esri() { gdalsrsinfo --single-line -o wkt_esri "$1" | grep '\['; }
ogc() { gdalsrsinfo --single-line -o wkt1 "$1" | grep '\['; }
wkt2() { gdalsrsinfo --single-line -o wkt2 "$1" | grep '\['; }

# The failing example of issue 8: Transverse Mercator on ETRS89, 9° E, k 0.9996, false easting 2,500,000
TM9_FE2500000='PROJCS["ETRS89_TM_9_FE_2500000",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",2500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
LUEBECK_PRJ=$(cat ../shared/fixtures/luebeck-wahlbezirke-2016/Wahlbezirke_2016.prj)

cases=()
add() { # label, wkt, "lon lat"
	cases+=("$1"$'\t'"$2"$'\t'"$3")
}
add "ESRI ETRS89 TM 9° false easting 2,500,000" "$TM9_FE2500000" "$ESSEN"
add "ESRI ETRS89 TM 9° false easting 2,500,000 (Frankfurt)" "$TM9_FE2500000" "$FRANKFURT"
add "ESRI Lübeck .prj (zone-prefixed 32,500,000)" "$LUEBECK_PRJ" "$LUEBECK"
add "ESRI ETRS89 UTM 33N" "$(esri EPSG:25833)" "$BERLIN"
add "ESRI ETRS89 UTM 32N" "$(esri EPSG:25832)" "$MUNICH"
add "ESRI DHDN Gauss-Krüger zone 4 (no TOWGS84)" "$(esri EPSG:31468)" "$BERLIN"
add "ESRI DHDN Gauss-Krüger zone 3 (no TOWGS84)" "$(esri EPSG:31467)" "$FRANKFURT"
add "ESRI DHDN Gauss-Krüger zone 2 (no TOWGS84)" "$(esri EPSG:31466)" "$ESSEN"
add "ESRI DHDN Soldner Berlin" "$(esri EPSG:3068)" "$BERLIN"
add "ESRI ETRS89 LCC Germany" "$(esri EPSG:5243)" "$FRANKFURT"
add "OGC WKT1 ETRS89 UTM 32N" "$(ogc EPSG:25832)" "$ESSEN"
add "OGC WKT1 ETRS89 UTM 32N zE-N (4647)" "$(ogc EPSG:4647)" "$LUEBECK"
add "OGC WKT1 DHDN Gauss-Krüger zone 4" "$(ogc EPSG:31468)" "$BERLIN"
add "OGC WKT1 DHDN Gauss-Krüger zone 5" "$(ogc EPSG:31469)" "$BERLIN"
add "OGC WKT1 ETRS89 LAEA Europe" "$(ogc EPSG:3035)" "$MUNICH"
add "OGC WKT1 WGS 84 / Pseudo-Mercator" "$(ogc EPSG:3857)" "$BERLIN"
add "OGC WKT2 ETRS89 UTM 33N" "$(wkt2 EPSG:25833)" "$BERLIN"

{
	echo '['
	first=1
	for c in "${cases[@]}"; do
		IFS=$'\t' read -r label wkt lonlat <<<"$c"
		printf '%s' "$wkt" >"$tmp/crs.wkt"
		xy=$(echo "$lonlat" | gdaltransform -s_srs OGC:CRS84 -t_srs "$tmp/crs.wkt" | awk '{printf "[%.3f, %.3f]", $1, $2}')
		[ $first = 1 ] || echo ','
		first=0
		jq -n --arg name "$label" --arg wkt "$wkt" --argjson xy "$xy" --arg ll "$lonlat" \
			'{label: $name, wkt: $wkt, xy: $xy, wgs84: ($ll | split(" ") | map(tonumber))}'
	done
	echo ']'
} | jq . >"$out"
echo "wrote $out ($(jq length "$out") cases) with $(gdalsrsinfo --version)"
