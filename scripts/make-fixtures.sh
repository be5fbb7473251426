#!/usr/bin/env bash
# Generates realistic import fixtures from the real Berlin open-data files in ../shared/fixtures
# (committed under tests/fixtures/generated, so tests need no GDAL). Needs Debian's gdal-bin and zip.
#   projected zipped Shapefiles (UTM 33 / UTF-8, Gauss-Krüger zone 4 / Latin-1 with and without .cpg),
#   one without .prj (must be refused).
set -euo pipefail
cd "$(dirname "$0")/.."
src=../shared/fixtures/berlin-mss-2021/bezirksgrenzen.geojson
out=tests/fixtures/generated
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

shp() { # name, target EPSG, dbf encoding, keep .cpg (1/0), keep .prj (1/0)
	local name=$1 epsg=$2 enc=$3 cpg=$4 prj=$5 dir="$tmp/$1"
	mkdir -p "$dir"
	ogr2ogr -f "ESRI Shapefile" -t_srs "EPSG:$epsg" -lco ENCODING="$enc" -select name "$dir/bezirke.shp" "$src"
	[ "$cpg" = 1 ] || rm -f "$dir/bezirke.cpg"
	[ "$prj" = 1 ] || rm -f "$dir/bezirke.prj"
	rm -f "$out/$name.zip"
	(cd "$dir" && zip -q -X "$OLDPWD/$out/$name.zip" bezirke.*)
}

shp bezirke_utm33_utf8 25833 UTF-8 1 1
shp bezirke_gk4_latin1 31468 ISO-8859-1 1 1
shp bezirke_gk4_latin1_no_cpg 31468 ISO-8859-1 0 1
shp bezirke_utm33_no_prj 25833 UTF-8 1 0
ls -la "$out"
