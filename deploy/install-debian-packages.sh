#!/usr/bin/env bash
# Installs the Debian packages matscreen needs that Maven cannot provide, when they are missing.
#   runtime: spglib (libsymspg1), Quantum ESPRESSO (pw.x) and its pseudopotentials
#   test:    runtime + Slurm and munge (single-node test cluster) + PostgreSQL (store tests)
set -euo pipefail
set_name=${1:-runtime}
runtime=(libsymspg1 quantum-espresso quantum-espresso-data)
test=(slurm-wlm slurmctld slurmd slurm-client munge postgresql)
case "$set_name" in
  runtime) wanted=("${runtime[@]}") ;;
  test) wanted=("${runtime[@]}" "${test[@]}") ;;
  *) echo "usage: $0 runtime|test" >&2; exit 2 ;;
esac
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "matscreen needs ${missing[*]} but this is not a Debian-like system: install spglib," \
    "Quantum ESPRESSO (pw.x) and pseudopotentials yourself (e.g. conda-forge spglib qe)" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "matscreen needs the Debian packages ${missing[*]}: run as root, or" \
    "sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "matscreen: installing ${missing[*]} (apt-get)..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
