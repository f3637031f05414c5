#!/usr/bin/env bash
# bench/run.sh: the one command that measures pyconc beside the
# hand-written Go limit, the Go peers and CPython, and writes
# docs/BENCHMARKS.md. Run it from anywhere: bench/run.sh
#
# It needs Go (the peers come through the module proxy on the first run)
# and python3 (standard library only). A full run takes six to eight minutes
# on 2 cores. Settings, from the environment:
#   PYTHON     the interpreter (default /usr/bin/python3 where it exists,
#              the distribution's optimised build, else python3)
#   COUNT      runs of every Go benchmark (default 5)
#   BENCHTIME  -benchtime of every Go benchmark (default 300ms)
#   BENCH      -bench regexp, to run part of the Go side (default .)
#   NOPYTHON   set to 1 to skip the Python scripts
#   OUT        the Markdown file to write (default docs/BENCHMARKS.md)
# The raw outputs stay in bench/out/ (not committed).
set -euo pipefail
cd "$(dirname "$0")"
bench=$(pwd)
root=$(cd .. && pwd)

if [ -z "${PYTHON:-}" ]; then
	if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
fi
COUNT=${COUNT:-5}
BENCHTIME=${BENCHTIME:-300ms}
BENCH=${BENCH:-.}
OUT=${OUT:-$root/docs/BENCHMARKS.md}
mkdir -p out "$(dirname "$OUT")"
start=$(date +%s)

# The machine, the toolchains and the peers' versions.
{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "machine: $(uname -sm), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB"
	echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "Go: $(go version | sed 's/^go version //')"
	echo "Python: $("$PYTHON" -c 'import sys, platform; print(platform.python_implementation(), platform.python_version(), "(" + sys.executable + ")")')"
	go list -m -f '{{.Path}} {{.Version}}' github.com/panjf2000/ants/v2 github.com/alitto/pond/v2 \
		github.com/sourcegraph/conc github.com/gammazero/workerpool |
		awk 'BEGIN { ORS = "" } { printf "%s%s %s", (NR > 1 ? ", " : "peers: "), $1, $2 } END { print "\n" }'
	echo "pyconc: $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown) (this tree, through the replace in bench/go.mod)"
	echo "command: COUNT=$COUNT BENCHTIME=$BENCHTIME BENCH='$BENCH' PYTHON=$PYTHON bench/run.sh"
} >out/meta.txt

echo "== Go: go test -bench '$BENCH' -benchmem -count $COUNT -benchtime $BENCHTIME" >&2
go test -run '^$' -bench "$BENCH" -benchmem -count "$COUNT" -benchtime "$BENCHTIME" -timeout 30m . | tee out/go.txt >&2

echo "load average after the Go benchmarks: $(cut -d' ' -f1-3 /proc/loadavg)" >>out/meta.txt

: >out/python.txt
if [ "${NOPYTHON:-}" != 1 ]; then
	for script in futures_bench pool_bench queue_bench thread_bench mp_bench memory_bench; do
		[ -f "python/$script.py" ] || continue
		echo "== Python: $script" >&2
		(cd python && "$PYTHON" "$script.py") | tee -a out/python.txt >&2
	done
fi

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >>out/meta.txt
echo "total time of the run: $(($(date +%s) - start)) s" >>out/meta.txt
go run ./cmd/benchtable -go out/go.txt -python out/python.txt -meta out/meta.txt -out "$OUT"
echo "== wrote $OUT in $(($(date +%s) - start)) s" >&2
