#!/usr/bin/env bash
# Stop the single-node test cluster that tools/slurm/start_cluster.sh STATE_DIR started: slurmd, slurmctld, and
# munged if that script started it; remove /etc/slurm/slurm.conf if it is this cluster's config.
#
#   sudo tools/slurm/stop_cluster.sh STATE_DIR
set -euo pipefail

CONF=/etc/slurm/slurm.conf
die() { echo "$(basename "$0"): $1" >&2; exit 2; }
[[ $# -eq 1 && -d $1 ]] || die "usage: $0 STATE_DIR (the directory given to start_cluster.sh)"
[[ $(id -u) -eq 0 ]] || die "must run as root (sudo $0 $*)"
state=$(cd "$1" && pwd)

for pidfile in "$state/slurmd.pid" "$state/slurmctld.pid" "$state/munge/munged.pid"; do
    [[ -f $pidfile ]] || continue
    pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$pidfile"
done
if [[ -f $CONF ]] && grep -qx "StateSaveLocation=$state/slurmctld" "$CONF"; then
    rm "$CONF"
fi
echo "cluster: stopped"
