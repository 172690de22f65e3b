#!/usr/bin/env bash
# ./build.sh        compile pejl and build the example portal (content/) into public/
# ./build.sh test   everything CI checks: formatting, lints, all tests, and both example portals
set -euo pipefail
cd "$(dirname "$0")"

build_site() {
  cargo build --release --locked --quiet
  "${CARGO_TARGET_DIR:-target}/release/pejl" build --root . "$@"
}

# The Nu HTML Checker (W3C's validator), from npm, on every page of a built portal.
check_html() {
  if [[ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]]; then
    npm ci --silent --no-audit --no-fund
  fi
  if ! command -v java >/dev/null; then
    echo "The HTML check needs Java: apt-get install -y default-jre-headless" >&2
    exit 1
  fi
  java -jar node_modules/vnu-jar/build/dist/vnu.jar --Werror --skip-non-html --also-check-css "$1"
  echo "Nu HTML Checker: no errors or warnings in $1."
}

# What a person sees in `pejl serve`, in headless Chromium (Debian's chromium package).
check_browser() {
  if [[ ! -d node_modules/playwright-core ]]; then
    npm ci --silent --no-audit --no-fund
  fi
  if ! command -v "${CHROMIUM:-chromium}" >/dev/null; then
    echo "The browser tests need Chromium: apt-get install -y chromium" >&2
    exit 1
  fi
  cargo build --locked --quiet
  CHROMIUM="$(command -v "${CHROMIUM:-chromium}")" node --test tests/browser/
}

case "${1:-}" in
  test)
    shift
    cargo fmt --all -- --check
    cargo clippy --all-targets --locked --quiet -- -D warnings
    cargo test --locked --quiet "$@"
    check_browser
    build_site --output target/example-public
    check_html target/example-public
    "${CARGO_TARGET_DIR:-target}/release/pejl" build --root examples/kalundborg --output target/kalundborg-public
    check_html target/kalundborg-public
    ;;
  *)
    build_site "$@"
    ;;
esac
