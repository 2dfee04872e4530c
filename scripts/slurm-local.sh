#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for the sweep tests and for trying
# `scripts/sweep.sh --slurm` without a real cluster. Needs root (Debian/Ubuntu: apt-get).
#   scripts/slurm-local.sh start    install slurm-wlm when missing, write the config, start
#                                   munged, slurmctld and slurmd, wait until the node is idle
#   scripts/slurm-local.sh stop     stop them (the config and spool stay)
#   scripts/slurm-local.sh status   sinfo
# The config (/etc/slurm/slurm.conf) is written only when there is none, or when it is one this
# script wrote (first line "# dcgan4j slurm-local"); a cluster configured otherwise is refused.
# Requeued jobs wait cred_expire seconds before they start again (Slurm's default: 120); here 10.
set -euo pipefail

conf=/etc/slurm/slurm.conf
marker="# dcgan4j slurm-local"
spool=/tmp/dcgan4j-slurm

die() { echo "slurm-local: $*" >&2; exit 1; }

install() {
  if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
    [[ $(id -u) -eq 0 ]] || die "slurm-wlm is not installed and this is not root: apt-get install slurm-wlm"
    echo "slurm-local: installing slurm-wlm" >&2
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm >/dev/null
  fi
}

write_config() {
  if [[ -f "$conf" ]] && [[ "$(head -n 1 "$conf")" != "$marker" ]]; then
    die "$conf exists and was not written by this script; not touching a configured cluster"
  fi
  local host cpus mem
  host="$(hostname)"
  cpus="$(nproc)"
  mem="$(awk '/MemTotal/ {printf "%d", $2 / 1024 * 0.9}' /proc/meminfo)"
  mkdir -p /etc/slurm "$spool/ctld" "$spool/d" "$spool/log"
  cat >"$conf.tmp" <<EOF
$marker
ClusterName=dcgan4j
SlurmctldHost=$host
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
SlurmUser=root
AuthType=auth/munge
AuthInfo=cred_expire=10
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobRequeue=1
KillWait=30
ReturnToService=2
StateSaveLocation=$spool/ctld
SlurmdSpoolDir=$spool/d
SlurmctldPidFile=$spool/slurmctld.pid
SlurmdPidFile=$spool/slurmd.pid
SlurmctldLogFile=$spool/log/slurmctld.log
SlurmdLogFile=$spool/log/slurmd.log
MpiDefault=none
EOF
  mv -f "$conf.tmp" "$conf"
}

running() { pgrep -x "$1" >/dev/null; }

start() {
  [[ $(id -u) -eq 0 ]] || die "start needs root (it runs munged, slurmctld and slurmd)"
  install
  write_config
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null || true
  [[ -f /etc/munge/munge.key ]] || { mungekey --create 2>/dev/null || create-munge-key; }
  running munged || runuser -u munge -- /usr/sbin/munged
  running slurmctld || slurmctld
  running slurmd || slurmd
  for _ in $(seq 1 60); do
    if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
      echo "slurm-local: node $(hostname) is up"
      sinfo
      return 0
    fi
    sleep 0.5
  done
  die "the node did not come up within 30 s; see $spool/log/"
}

stop() {
  local name pid
  for name in slurmd slurmctld munged; do
    for pid in $(pgrep -x "$name" || true); do
      kill "$pid" 2>/dev/null || true
    done
  done
  echo "slurm-local: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) sinfo ;;
  *) echo "usage: scripts/slurm-local.sh start|stop|status" >&2; exit 2 ;;
esac
