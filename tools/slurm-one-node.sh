#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for `make test-slurm` (and for trying deploy/slurm by
# hand): munge + slurmctld + slurmd, all state under one scratch directory, no systemd, no cgroups.
#
#   tools/slurm-one-node.sh start DIR   # installs slurm-wlm and munge if missing (root), starts,
#                                       # waits until the node is idle; prints the SLURM_CONF to export
#   tools/slurm-one-node.sh stop DIR    # stops the daemons started by `start DIR`
#
# Settings and gotchas: ../shared/spec/slurm-one-node.md (a short MinJobAge and scheduler interval
# keep `sbatch --wait` from polling for tens of seconds).
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
conf=$dir/slurm.conf

stop_pidfile() {
    local file=$1
    [ -s "$file" ] || return 0
    local pid
    pid=$(cat "$file")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$file"
}

case $action in
stop)
    stop_pidfile "$dir/slurmd.pid"
    stop_pidfile "$dir/slurmctld.pid"
    if [ -f "$dir/munged.started" ]; then
        stop_pidfile /run/munge/munged.pid
        rm -f "$dir/munged.started"
    fi
    exit 0
    ;;
start) ;;
*) usage ;;
esac

missing=()
for pkg in slurm-wlm munge; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    [ "$(id -u)" -eq 0 ] || { echo "error: missing Debian packages: ${missing[*]}" >&2; exit 1; }
    echo "installing: ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# munge: the package made the key; the daemon needs its run directory and its own user.
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    install -d -o munge -g munge -m 755 /run/munge
    runuser -u munge -- /usr/sbin/munged
    touch "$dir/munged.started"
    for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
fi

host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$dir/state" "$dir/spool" "$dir/log"
cat >"$conf" <<EOF
ClusterName=valence-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$((16817 + RANDOM % 1000))
SlurmdPort=$((17817 + RANDOM % 1000))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SwitchType=switch/none
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
MinJobAge=4
SchedulerParameters=batch_sched_delay=0,sched_interval=1
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=2000 State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

export SLURM_CONF=$conf
slurmctld -c -f "$conf"
slurmd -f "$conf"
for _ in $(seq 100); do
    state=$(sinfo -h -N -o %T 2>/dev/null || true)
    [ "$state" = idle ] && { echo "export SLURM_CONF=$conf"; exit 0; }
    sleep 0.2
done
echo "error: the Slurm node did not become idle (state: ${state:-none}); logs in $dir/log" >&2
exit 1
