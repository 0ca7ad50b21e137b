#!/usr/bin/env bash
# Start or stop a single-node Slurm cluster on loopback for matscreen's tests.
#
#   .ci/slurm-cluster.sh start    # idempotent; prints the slurm.conf path and `export` lines
#   .ci/slurm-cluster.sh stop     # stops only the daemons this script started
#   .ci/slurm-cluster.sh status
#
# Needs Debian packages slurm-wlm (slurmctld, slurmd, client tools) and munge. No systemd: munged
# runs as user munge, slurmctld -D -i and slurmd -D run in the background. State lives in
# $MATSCREEN_SLURM_DIR (default ${TMPDIR:-/tmp}/matscreen-slurm). Tests find the cluster through
# MATSCREEN_SLURM_CONF=<dir>/slurm.conf (the SLURM_CONF the client tools need).
set -euo pipefail

DIR="${MATSCREEN_SLURM_DIR:-${TMPDIR:-/tmp}/matscreen-slurm}"
CONF="$DIR/slurm.conf"
HOST="$(hostname -s)"
CTLD_PORT="${MATSCREEN_SLURMCTLD_PORT:-6817}"
SLURMD_PORT="${MATSCREEN_SLURMD_PORT:-6818}"
USER_NAME="$(id -un)"

say() { echo "slurm-cluster: $*" >&2; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

munge_ok() { command -v munge >/dev/null && munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

start_munge() {
  if munge_ok; then
    say "munged already running"
    return
  fi
  command -v munged >/dev/null || { say "munged not installed (apt-get install munge)"; exit 3; }
  if [ "$(id -u)" != 0 ]; then
    say "munged is not running and only root can start it as user munge"; exit 3
  fi
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge /etc/munge
  if [ ! -s /etc/munge/munge.key ]; then
    # A fresh random key; the cluster is single-node so nothing else needs to share it.
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=128 status=none
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
  fi
  runuser -u munge -- /usr/sbin/munged
  touch "$DIR/munged.started-by-us"
  for _ in $(seq 1 50); do munge_ok && break; sleep 0.1; done
  munge_ok || { say "munged did not come up"; exit 3; }
  say "started munged"
}

write_conf() {
  local mem
  mem=$(awk '/MemTotal/ {printf "%d", $2/1024*0.5}' /proc/meminfo)
  cat > "$CONF" <<CONF
# Written by .ci/slurm-cluster.sh: a one-node test cluster on loopback.
ClusterName=matscreen
SlurmctldHost=${HOST}(127.0.0.1)
SlurmUser=${USER_NAME}
SlurmdUser=${USER_NAME}
SlurmctldPort=${CTLD_PORT}
SlurmdPort=${SLURMD_PORT}
AuthType=auth/munge
StateSaveLocation=${DIR}/ctld
SlurmdSpoolDir=${DIR}/slurmd
SlurmctldPidFile=${DIR}/slurmctld.pid
SlurmdPidFile=${DIR}/slurmd.pid
SlurmctldLogFile=${DIR}/slurmctld.log
SlurmdLogFile=${DIR}/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=${DIR}/jobcomp.txt
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=600
KillWait=5
InactiveLimit=0
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=${HOST} NodeAddr=127.0.0.1 CPUs=2 RealMemory=${mem} State=UNKNOWN
PartitionName=debug Nodes=${HOST} Default=YES MaxTime=INFINITE State=UP
CONF
}

cluster_up() {
  SLURM_CONF="$CONF" scontrol ping 2>/dev/null | grep -q "UP" \
    && SLURM_CONF="$CONF" sinfo -h -o %T 2>/dev/null | grep -qE "idle|mix|alloc"
}

start() {
  command -v slurmctld >/dev/null || { say "slurmctld not installed (apt-get install slurm-wlm)"; exit 3; }
  mkdir -p "$DIR/ctld" "$DIR/slurmd"
  if pid_alive "$DIR/slurmctld.pid" && pid_alive "$DIR/slurmd.pid" && cluster_up; then
    say "already running"
  else
    start_munge
    write_conf
    pid_alive "$DIR/slurmctld.pid" || {
      SLURM_CONF="$CONF" nohup slurmctld -D -i -f "$CONF" >"$DIR/slurmctld.out" 2>&1 &
      echo $! >"$DIR/slurmctld.pid"
    }
    pid_alive "$DIR/slurmd.pid" || {
      SLURM_CONF="$CONF" nohup slurmd -D -f "$CONF" >"$DIR/slurmd.out" 2>&1 &
      echo $! >"$DIR/slurmd.pid"
    }
    for _ in $(seq 1 100); do cluster_up && break; sleep 0.2; done
    if ! cluster_up; then
      say "cluster did not come up; logs:"
      tail -n 20 "$DIR"/slurmctld.log "$DIR"/slurmd.log "$DIR"/*.out >&2 2>/dev/null || true
      exit 4
    fi
    # A node that was down in an earlier run may need a nudge.
    SLURM_CONF="$CONF" scontrol update nodename="$HOST" state=resume >/dev/null 2>&1 || true
    say "started slurmctld and slurmd"
  fi
  say "state and logs in $DIR"
  echo "export SLURM_CONF=$CONF"
  echo "export MATSCREEN_SLURM_CONF=$CONF"
}

stop() {
  for d in slurmd slurmctld; do
    if pid_alive "$DIR/$d.pid"; then
      kill "$(cat "$DIR/$d.pid")" 2>/dev/null || true
      for _ in $(seq 1 50); do pid_alive "$DIR/$d.pid" || break; sleep 0.1; done
      say "stopped $d"
    fi
    rm -f "$DIR/$d.pid"
  done
  if [ -f "$DIR/munged.started-by-us" ]; then
    if [ -f /run/munge/munged.pid ]; then
      kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
      say "stopped munged"
    fi
    rm -f "$DIR/munged.started-by-us"
  fi
}

status() {
  if [ -f "$CONF" ] && cluster_up; then
    SLURM_CONF="$CONF" sinfo
    echo "export MATSCREEN_SLURM_CONF=$CONF"
  else
    say "not running"; exit 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
