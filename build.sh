#!/usr/bin/env bash
# ./build.sh        compile pejl and build the example portal (content/) into public/
# ./build.sh test   everything CI checks: formatting, lints, all tests, and the example portal
set -euo pipefail
cd "$(dirname "$0")"

build_site() {
  cargo build --release --locked --quiet
  "${CARGO_TARGET_DIR:-target}/release/pejl" build --root . "$@"
}

case "${1:-}" in
  test)
    shift
    cargo fmt --all -- --check
    cargo clippy --all-targets --locked --quiet -- -D warnings
    cargo test --locked --quiet "$@"
    build_site --output target/example-public
    ;;
  *)
    build_site "$@"
    ;;
esac
