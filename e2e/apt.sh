# Sourced by the e2e scripts: `need COMMAND PACKAGE` installs Debian's
# PACKAGE with apt-get when COMMAND is missing, or fails with the reason.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "$(basename "$0"): $1 is missing; installing $2 with apt-get"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  if ! { $sudo apt-get update -q && $sudo apt-get install -y -q "$2"; }; then
    echo "FAILED: $(basename "$0") could not install $2 (apt-get install -y $2 failed; see above)" >&2
    exit 1
  fi
}
