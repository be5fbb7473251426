#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on a free local port.
#   source scripts/pg-cluster.sh && pg_cluster_start   → exports TEST_DATABASE_URL, PG_CLUSTER_DIR
#   pg_cluster_stop
# Needs the Debian server binaries (/usr/lib/postgresql/<ver>/bin). As root, runs them as 'postgres'.

pg_bin_dir() {
	local d
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && { echo "$d"; return 0; }
	done
	return 1
}

free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

pg_cluster_start() {
	local bin port dir run=()
	bin=$(pg_bin_dir) || return 1
	port=$(free_port)
	dir=$(mktemp -d /tmp/qk-pg.XXXXXX)
	if [ "$(id -u)" = 0 ]; then
		chown postgres:postgres "$dir"
		run=(runuser -u postgres --)
	fi
	"${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; return 1; }
	"${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null || { cat "$dir/server.log"; return 1; }
	export PG_CLUSTER_DIR="$dir" PG_CLUSTER_BIN="$bin"
	export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

pg_cluster_stop() {
	[ -n "${PG_CLUSTER_DIR:-}" ] || return 0
	local run=()
	[ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
	"${run[@]}" "$PG_CLUSTER_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$PG_CLUSTER_DIR"
	unset PG_CLUSTER_DIR
}
