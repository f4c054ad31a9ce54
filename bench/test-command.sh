#!/usr/bin/env bash
# The README's test command as a newcomer runs it: a fresh clone of this commit (no bin/obj), the compiler server stopped,
# then `dotnet test Seedance.Agents.sln`, timed from start to end, build included. With --fresh-machine (as root, needs
# util-linux's unshare) ffmpeg, PostgreSQL and nginx are hidden from it in a private mount namespace, as on a machine with
# only the .NET SDK: the tests that need them are then reported as skipped. A figure, not a test: run it on an idle machine.
# Usage: bash bench/test-command.sh [--fresh-machine]
set -euo pipefail
cd "$(dirname "$0")/.."
hide=0
[ "${1:-}" = "--fresh-machine" ] && hide=1
clone=$(mktemp -d /tmp/seedance-test-command.XXXXXX)
trap 'rm -rf "$clone"' EXIT
git clone -q . "$clone"
git -C "$clone" checkout -q "$(git rev-parse HEAD)"
dotnet build-server shutdown >/dev/null 2>&1 || true
run() { (cd "$clone" && dotnet test Seedance.Agents.sln); }
if [ "$hide" = 1 ]; then
  # Copies of /usr/bin and /usr/sbin without the programs (hard links, so no space is used) are mounted over the originals,
  # and an empty folder over /usr/lib/postgresql, for this command only.
  export clone
  run() {
    unshare -m bash -c '
      set -e
      masks=$(mktemp -d /tmp/seedance-fresh.XXXXXX)
      for dir in /usr/bin /usr/sbin /usr/local/bin; do
        [ -d "$dir" ] || continue
        mkdir -p "$masks$dir"; cp -al "$dir/." "$masks$dir/"
        rm -f "$masks$dir"/{ffmpeg,ffprobe,nginx,initdb,pg_ctl,postgres,psql}
        mount --bind "$masks$dir" "$dir"
      done
      [ -d /usr/lib/postgresql ] && mount -t tmpfs none /usr/lib/postgresql
      cd "$clone" && dotnet test Seedance.Agents.sln'
  }
fi
log=$(mktemp)
load=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s.%N)
set +e
run 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
end=$(date +%s.%N)
echo
echo "machine: $(nproc) cores, load before the run $load, $(dotnet --version)$([ "$hide" = 1 ] && echo ', ffmpeg/PostgreSQL/nginx hidden')"
grep -E '^(Passed|Failed)!' "$log" || true
awk -v s="$start" -v e="$end" -v st="$status" 'BEGIN { t = e - s; printf "README test command: %d min %02d s (%.0f s), exit code %d\n", t / 60, t % 60, t, st }'
rm -f "$log"
exit "$status"
