#!/bin/sh
# Installs vita's prebuilt binary for this machine, checked against its published SHA-256.
#
#   curl -fsSL https://github.com/OWNER/vita/releases/latest/download/install.sh | sh
#
# Settings, all optional, from the environment:
#   VITA_VERSION       the release to install, such as 0.1.0 (default: the latest)
#   VITA_INSTALL_DIR   where the `vita` binary goes (default: ~/.local/bin)
#   VITA_DOWNLOAD_URL  the folder the archives are in (default: the GitHub release's); a
#                      file:// folder works too, for a mirror or a build of your own
#   VITA_REPO          the GitHub repository, OWNER/NAME (the release workflow writes its own
#                      into the copy of this script it publishes)
#
# It downloads `vita-TARGET.tar.gz` and `vita-TARGET.tar.gz.sha256`, refuses the archive
# when the checksum differs, and only then puts the binary in place. POSIX sh, curl or wget,
# tar, and sha256sum or shasum.
set -eu

say() { printf 'vita-install: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

repo=${VITA_REPO:-@REPO@}
version=${VITA_VERSION:-latest}
dest=${VITA_INSTALL_DIR:-"$HOME/.local/bin"}

# The release target of this machine: Linux binaries are static (musl), so they run on any
# distribution.
os=$(uname -s)
arch=$(uname -m)
case "$arch" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) die "no prebuilt vita for the processor '$arch': install from source with \`cargo install --locked --git https://github.com/$repo\`" ;;
esac
case "$os" in
  Linux) target="$arch-unknown-linux-musl" ;;
  Darwin) target="$arch-apple-darwin" ;;
  *) die "no prebuilt vita for '$os' from this script: on Windows download vita-x86_64-pc-windows-msvc.zip from https://github.com/$repo/releases" ;;
esac

if [ -n "${VITA_DOWNLOAD_URL:-}" ]; then
  base=${VITA_DOWNLOAD_URL%/}
elif [ "$repo" = "@RE""PO@" ]; then
  die "this copy of the script names no repository: set VITA_REPO=OWNER/NAME (or use the copy attached to a release)"
elif [ "$version" = latest ]; then
  base="https://github.com/$repo/releases/latest/download"
else
  base="https://github.com/$repo/releases/download/v${version#v}"
fi
archive="vita-$target.tar.gz"

fetch() { # URL FILE
  case "$1" in
    file://*) cp "${1#file://}" "$2" ;;
    *)
      if command -v curl >/dev/null 2>&1; then
        curl --proto '=https' --tlsv1.2 -fsSL "$1" -o "$2"
      elif command -v wget >/dev/null 2>&1; then
        wget -q --https-only "$1" -O "$2"
      else
        die "neither curl nor wget is installed"
      fi ;;
  esac
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    die "neither sha256sum nor shasum is installed: cannot check the download"
  fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

say "downloading $base/$archive"
fetch "$base/$archive" "$tmp/$archive" || die "cannot download $base/$archive"
fetch "$base/$archive.sha256" "$tmp/$archive.sha256" || die "cannot download its checksum, $base/$archive.sha256"

want=$(cut -d' ' -f1 < "$tmp/$archive.sha256" | tr 'A-F' 'a-f')
got=$(sha256 "$tmp/$archive")
if [ -z "$want" ] || [ "$want" != "$got" ]; then
  die "the checksum of $archive is $got, but the release says ${want:-nothing}: nothing was installed"
fi

mkdir -p "$tmp/x"
tar -xzf "$tmp/$archive" -C "$tmp/x"
bin=$(find "$tmp/x" -type f -name vita | head -n 1)
[ -n "$bin" ] || die "$archive holds no \`vita\` binary"

mkdir -p "$dest"
# Copied beside the old binary, then renamed over it: a failed copy leaves the old one whole.
cp "$bin" "$dest/.vita.new"
chmod 755 "$dest/.vita.new"
mv -f "$dest/.vita.new" "$dest/vita"
say "installed $("$dest/vita" --version) to $dest/vita"
case ":$PATH:" in
  *":$dest:"*) ;;
  *) say "$dest is not on your PATH: add it, e.g. export PATH=\"$dest:\$PATH\"" ;;
esac
