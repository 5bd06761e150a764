# Installs the system packages a tapsteer command needs when they are missing (sourced by ./tapsteer
# for `test`, run by the Java launcher for `gui` and `bench`; bash). The one place tapsteer installs
# anything on the machine: as root, through apt; otherwise it says what to install.
#   need_packages CMD:PACKAGE ...   installs PACKAGE when CMD is not on the PATH; a CMD that is a
#                                   path (a library file) is checked for existence instead

need_packages() {
  local missing=() spec cmd pkg
  for spec in "$@"; do
    cmd="${spec%%:*}" pkg="${spec##*:}"
    if [[ "$cmd" == /* ]]; then [ -e "$cmd" ] || missing+=("$pkg"); continue; fi
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "tapsteer: missing packages: ${missing[*]} (install them, or run as root so tapsteer can)" >&2
    return 2
  fi
  echo "tapsteer: installing ${missing[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

# Run as a program (by the Java launcher): install what the arguments name.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  need_packages "$@"
fi
