#!/bin/sh
# Installs trinity, the Trinity Method installer, on Linux or macOS:
#
#   curl -fsSL https://raw.githubusercontent.com/trinity-method/trinity/main/install.sh | sh
#   sh install.sh --prefix /usr/local --version 0.1.0
#
# It picks the archive for this OS and architecture from the release's SHA256SUMS, downloads it
# (or copies it from the local directory TRINITY_INSTALL_FROM), checks its SHA-256 against
# SHA256SUMS, and installs the executable as PREFIX/bin/trinity (PREFIX: ~/.local by default).
# TRINITY_RELEASE_URL replaces the address of the release directory (a mirror, a test server).
set -eu

# The same address as RELEASES_URL in packaging/targets.ts (a test keeps them equal).
RELEASES_URL="https://github.com/trinity-method/trinity/releases/download"
LATEST_URL="https://github.com/trinity-method/trinity/releases/latest/download"
RELEASES_PAGE="https://github.com/trinity-method/trinity/releases"

usage() {
  cat <<EOF
Usage: install.sh [--prefix DIR] [--version VERSION]

Installs trinity as DIR/bin/trinity (default DIR: ~/.local), after checking the archive's
SHA-256 against the release's SHA256SUMS.

  --prefix DIR        install into DIR/bin (default: ~/.local)
  --version VERSION   install this release, e.g. 0.1.0 (default: the latest)

Environment:
  TRINITY_INSTALL_FROM  a local directory holding SHA256SUMS and the archives (no download)
  TRINITY_RELEASE_URL   the address of the release directory to download from
EOF
}

# fail MESSAGE [WHAT TO DO]: says what failed and what to do next, then exits 1.
fail() {
  printf 'install.sh: error: %s\n' "$1" >&2
  if [ $# -ge 2 ]; then printf '%s\n' "$2" >&2; fi
  exit 1
}

usage_error() {
  printf 'install.sh: error: %s\n' "$1" >&2
  printf 'Run: sh install.sh --help\n' >&2
  exit 2
}

prefix=""
version=""
while [ $# -gt 0 ]; do
  case $1 in
    --prefix)
      [ $# -ge 2 ] || usage_error "--prefix needs a directory"
      prefix=$2
      shift 2
      ;;
    --prefix=*)
      prefix=${1#--prefix=}
      shift
      ;;
    --version)
      [ $# -ge 2 ] || usage_error "--version needs a version, e.g. 0.1.0"
      version=$2
      shift 2
      ;;
    --version=*)
      version=${1#--version=}
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage_error "unknown option $1"
      ;;
  esac
done
version=${version#v}
case $version in
  *[!0-9A-Za-z.+-]*) usage_error "--version $version: not a version number (e.g. 0.1.0)" ;;
esac

if [ -z "$prefix" ]; then
  [ -n "${HOME:-}" ] || fail "HOME is not set, so there is no default prefix" "Pass --prefix DIR."
  prefix="$HOME/.local"
fi
[ -n "$prefix" ] || usage_error "--prefix needs a directory"
case $prefix in
  /*) ;;
  *) prefix="$(pwd)/$prefix" ;;
esac
bindir="${prefix%/}/bin"

# --- which build ---------------------------------------------------------------------------------

os=$(uname -s)
case $os in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  MINGW* | MSYS* | CYGWIN* | Windows_NT)
    fail "install.sh does not install on Windows" \
      "Use scoop (see the README), or download trinity-<version>-windows-x64.zip from $RELEASES_PAGE."
    ;;
  *)
    fail "unsupported operating system: $os" \
      "trinity is released for Linux, macOS and Windows; see $RELEASES_PAGE."
    ;;
esac

arch=$(uname -m)
case $arch in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *)
    fail "unsupported architecture: $arch" \
      "trinity is released for x64 and arm64 (on Linux and macOS); see $RELEASES_PAGE."
    ;;
esac

# A shell running under Rosetta reports x86_64 on an Apple silicon Mac: install the native build.
if [ "$os" = darwin ] && [ "$arch" = x64 ] && [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || true)" = 1 ]; then
  arch=arm64
fi
target="$os-$arch"

# --- where from ----------------------------------------------------------------------------------

if [ -n "${TRINITY_INSTALL_FROM:-}" ]; then
  [ -d "$TRINITY_INSTALL_FROM" ] ||
    fail "TRINITY_INSTALL_FROM=$TRINITY_INSTALL_FROM is not a directory" \
      "Point it at a release directory holding SHA256SUMS and the archives (dist/release/ after npm run release)."
  source_name="$TRINITY_INSTALL_FROM"
elif [ -n "${TRINITY_RELEASE_URL:-}" ]; then
  source_name=${TRINITY_RELEASE_URL%/}
elif [ -n "$version" ]; then
  source_name="$RELEASES_URL/v$version"
else
  source_name=$LATEST_URL
fi

if [ -z "${TRINITY_INSTALL_FROM:-}" ] && ! command -v curl >/dev/null 2>&1 && ! command -v wget >/dev/null 2>&1; then
  fail "neither curl nor wget is installed, so nothing can be downloaded" \
    "Install one of them, or download the archive from $RELEASES_PAGE and set TRINITY_INSTALL_FROM to its directory."
fi

# fetch FILE DEST: one file of the release, copied or downloaded.
fetch() {
  if [ -n "${TRINITY_INSTALL_FROM:-}" ]; then
    [ -f "$TRINITY_INSTALL_FROM/$1" ] ||
      fail "$TRINITY_INSTALL_FROM/$1: no such file" \
        "The release directory must hold SHA256SUMS and the archive for $target; run npm run release to make one."
    cp "$TRINITY_INSTALL_FROM/$1" "$2" || fail "cannot copy $TRINITY_INSTALL_FROM/$1"
  elif command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 2 -o "$2" "$source_name/$1" ||
      fail "cannot download $source_name/$1" "Check the version (--version) and the connection, or see $RELEASES_PAGE."
  else
    wget -q -O "$2" "$source_name/$1" ||
      fail "cannot download $source_name/$1" "Check the version (--version) and the connection, or see $RELEASES_PAGE."
  fi
}

if command -v sha256sum >/dev/null 2>&1; then
  hasher=sha256sum
elif command -v shasum >/dev/null 2>&1; then
  hasher=shasum
elif command -v openssl >/dev/null 2>&1; then
  hasher=openssl
else
  fail "no SHA-256 tool found (sha256sum, shasum or openssl), so the download cannot be verified" \
    "Install coreutils or openssl and run install.sh again."
fi

# sha256 FILE: the file's SHA-256 in lowercase hex.
sha256() {
  case $hasher in
    sha256sum) sha256sum "$1" | cut -d ' ' -f 1 ;;
    shasum) shasum -a 256 "$1" | cut -d ' ' -f 1 ;;
    openssl) openssl dgst -sha256 "$1" | sed 's/^.*= *//' ;;
  esac
}

tmp=$(mktemp -d 2>/dev/null || mktemp -d -t trinity-install)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# --- download and verify -------------------------------------------------------------------------

fetch SHA256SUMS "$tmp/SHA256SUMS"
archive=""
expected=""
while read -r hash name; do
  name=${name#\*}
  case $name in
    */*) continue ;;
    trinity-*-"$target".tar.gz)
      if [ -z "$version" ] || [ "$name" = "trinity-$version-$target.tar.gz" ]; then
        archive=$name
        expected=$hash
        break
      fi
      ;;
  esac
done <"$tmp/SHA256SUMS"
if [ -z "$archive" ]; then
  if [ -n "$version" ]; then
    fail "$source_name/SHA256SUMS lists no trinity $version archive for $target" "See $RELEASES_PAGE for the releases."
  fi
  fail "$source_name/SHA256SUMS lists no archive for $target" "See $RELEASES_PAGE for the releases."
fi

printf 'Fetching %s from %s\n' "$archive" "$source_name"
fetch "$archive" "$tmp/$archive"
actual=$(sha256 "$tmp/$archive")
if [ "$actual" != "$expected" ]; then
  fail "checksum mismatch for $archive: SHA256SUMS says $expected, the file has $actual" \
    "The archive is damaged or not the one released; nothing was installed. Fetch it again, or report it at $RELEASES_PAGE."
fi

mkdir "$tmp/unpacked"
tar -xzf "$tmp/$archive" -C "$tmp/unpacked" trinity 2>/dev/null ||
  fail "$archive: cannot unpack trinity from it" "The archive is not a trinity release archive."

# --- install -------------------------------------------------------------------------------------

mkdir -p "$bindir" 2>/dev/null ||
  fail "cannot create $bindir" "Choose another place with --prefix DIR, or check the permissions."
# Copy beside the target, check that it runs, then rename over the old one: never a half-written trinity.
staged="$bindir/.trinity.new.$$"
{ cp "$tmp/unpacked/trinity" "$staged" && chmod 755 "$staged"; } 2>/dev/null ||
  { rm -f "$staged"; fail "cannot write to $bindir" "Choose another place with --prefix DIR, or check the permissions."; }
if ! installed=$("$staged" --version 2>/dev/null); then
  rm -f "$staged"
  fail "the $target build of trinity does not run on this machine; nothing was installed" \
    "The Linux builds need glibc (not musl). See $RELEASES_PAGE."
fi
mv -f "$staged" "$bindir/trinity"
printf 'Installed %s as %s\n' "$installed" "$bindir/trinity"

case ":${PATH:-}:" in
  *":$bindir:"*) ;;
  *) printf '%s is not on your PATH; add it, e.g.: export PATH="%s:%s"\n' "$bindir" "$bindir" "\$PATH" ;;
esac
