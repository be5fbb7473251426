#!/usr/bin/env bash
# `npm test`: everything, on a fresh Debian machine too. Installs Chromium, PostgreSQL and the readers
# of our files (LibreOffice, GDAL, poppler, pspp, python3-icalendar) with apt when run as root and
# they are missing, starts a throw-away PostgreSQL cluster, then runs
# svelte-check, lint, generated-types check, Vitest (unit + integration on PGlite and PostgreSQL)
# and Playwright against the built app.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg-cluster.sh

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
pg_bin_dir >/dev/null 2>&1 || need+=(postgresql)
# The programs people open our files with, used by the tests to read exports back.
command -v libreoffice >/dev/null || need+=(libreoffice-calc-nogui libreoffice-writer-nogui)
command -v ogrinfo >/dev/null || need+=(gdal-bin)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v pspp >/dev/null || need+=(pspp)
# the tests call Debian's python3 (a pyenv shim may come first on PATH)
/usr/bin/python3 -c 'import icalendar' 2>/dev/null || need+=(python3-icalendar)
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "==> Installing ${need[*]} (apt)"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
		# Debian starts a default cluster on install; we use our own throw-away one.
		if command -v pg_lsclusters >/dev/null; then
			pg_lsclusters -h 2>/dev/null | while read -r ver name _; do pg_ctlcluster "$ver" "$name" stop 2>/dev/null || true; done
		fi
	else
		echo "==> Cannot install ${need[*]}: not root or no apt-get."
	fi
fi

[ -d node_modules ] || npm install --no-audit --no-fund

own_cluster=0
cleanup() { [ $own_cluster = 1 ] && pg_cluster_stop; return 0; }
trap cleanup EXIT
if [ -z "${TEST_DATABASE_URL:-}" ]; then
	if pg_cluster_start; then
		own_cluster=1
	else
		if [ -n "${CI:-}" ]; then
			echo "FAIL: no PostgreSQL server for the integration tests (CI must test both databases)." >&2
			exit 1
		fi
		echo ""
		echo "############################################################################"
		echo "## SKIP: PostgreSQL integration tests — no PostgreSQL server binaries found."
		echo "## Install Debian's 'postgresql' or set TEST_DATABASE_URL. PGlite tests still run."
		echo "############################################################################"
		echo ""
	fi
fi
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-}"

echo "==> svelte-check"
npm run -s check
echo "==> lint"
npm run -s lint
if [ -n "$TEST_DATABASE_URL" ]; then
	echo "==> generated database types are current"
	bash scripts/gen-db-types.sh --check
fi
echo "==> vitest (unit + integration)"
npx vitest run
echo "==> build"
npx vite build >/dev/null
echo "==> playwright"
npx playwright test
