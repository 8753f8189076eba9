#!/usr/bin/env bash
# Start (or reuse) a single-node SLURM test cluster on this machine: munged, slurmctld and slurmd, with state and
# logs under STATE_DIR and the config (tools/slurm/slurm.conf.in, filled with this host's name, CPUs and memory)
# at /etc/slurm/slurm.conf. A different slurm.conf already there is left alone unless --force is given.
#
#   sudo tools/slurm/start_cluster.sh [--force] STATE_DIR      # stop with tools/slurm/stop_cluster.sh STATE_DIR
#
# Idempotent: with the same STATE_DIR it starts only what is not running. The last line of output is
# "cluster: started" or "cluster: already running". Exit 2: bad usage, not root or SLURM not installed;
# 3: another slurm.conf or another running cluster is in the way; 1: a daemon did not come up (its log is shown).
set -euo pipefail

CONF=/etc/slurm/slurm.conf
die() { echo "$(basename "$0"): $2" >&2; exit "$1"; }
alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
controller_up() { scontrol ping 2>/dev/null | grep -q 'is UP'; }

force=0
if [[ ${1:-} == --force ]]; then force=1; shift; fi
[[ $# -eq 1 && -n $1 ]] || die 2 "usage: $0 [--force] STATE_DIR"
[[ $(id -u) -eq 0 ]] || die 2 "must run as root (sudo $0 $*)"
for tool in munge munged slurmctld slurmd scontrol sinfo; do
    command -v "$tool" >/dev/null || die 2 "$tool not found: apt-get install slurm-wlm munge"
done
[[ $1 != *[[:space:]\|]* ]] || die 2 "STATE_DIR must not contain spaces or '|': $1"

mkdir -p "$1"
state=$(cd "$1" && pwd)
host=$(hostname -s)
detected=$(slurmd -C | head -n 1)  # NodeName=… CPUs=… RealMemory=… as slurmd sees this machine
cpus=$(sed -n 's/.* CPUs=\([0-9]*\).*/\1/p' <<<"$detected")
memory=$(sed -n 's/.* RealMemory=\([0-9]*\).*/\1/p' <<<"$detected")
[[ -n $cpus && -n $memory ]] || die 1 "could not read CPUs and RealMemory from 'slurmd -C': $detected"
config=$(sed -e "s|@HOST@|$host|g" -e "s|@STATE@|$state|g" -e "s|@CPUS@|$cpus|g" -e "s|@MEMORY_MB@|$memory|g" \
    "$(dirname "$0")/slurm.conf.in")

if [[ -f $CONF && $(cat "$CONF") != "$config" ]]; then
    controller_up && die 3 "a SLURM cluster with another config ($CONF) is running; stop it first"
    ((force)) || die 3 "$CONF exists and is not this test cluster's config; pass --force to replace it"
fi
if [[ -f $CONF ]] && controller_up && alive "$state/slurmd.pid"; then
    already=1
else
    already=0
fi

if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then  # munged must own its socket and state directories
    install -d -o munge -g munge -m 0755 /run/munge
    install -d -o munge -g munge -m 0700 "$state/munge"
    [[ -f /etc/munge/munge.key ]] || runuser -u munge -- mungekey --create  # the package normally makes it
    runuser -u munge -- munged --pid-file="$state/munge/munged.pid" --log-file="$state/munge/munged.log" \
        --seed-file="$state/munge/munged.seed" || die 1 "munged did not start: $(tail -n 5 "$state/munge/munged.log")"
fi

mkdir -p "$(dirname "$CONF")" "$state/slurmctld" "$state/slurmd"
printf '%s\n' "$config" >"$CONF"
alive "$state/slurmctld.pid" || slurmctld
for _ in $(seq 50); do controller_up && break; sleep 0.2; done
controller_up || die 1 "slurmctld did not come up: $(tail -n 20 "$state/slurmctld.log")"
alive "$state/slurmd.pid" || slurmd

node_state() { sinfo -h -n "$host" -o %T 2>/dev/null || true; }
ready() { [[ $(node_state) =~ ^(idle|mixed|allocated|completing) ]]; }
for _ in $(seq 150); do  # until the node takes jobs (a node left down by an earlier run is resumed)
    ready && break
    if [[ $(node_state) =~ ^(down|drain) ]]; then scontrol update NodeName="$host" State=RESUME 2>/dev/null || true; fi
    sleep 0.2
done
ready || die 1 "node $host is '$(node_state)', not ready: $(tail -n 20 "$state/slurmd.log")"
((already)) && echo "cluster: already running" || echo "cluster: started"
