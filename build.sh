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

# A bounded fuzzing run of every target (docs/fuzzing.md), when the nightly
# toolchain and cargo-fuzz are installed; PEJL_FUZZ_SECONDS per target (20).
check_fuzz() {
  if ! cargo +nightly --version >/dev/null 2>&1 || ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "Fuzzing skipped: needs the nightly toolchain and cargo-fuzz (see docs/fuzzing.md)."
    return
  fi
  local seconds="${PEJL_FUZZ_SECONDS:-20}"
  (
    cd fuzz
    for target in front_matter dates links page; do
      mkdir -p "corpus/$target"
      cargo +nightly fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 2>"corpus/$target.log" ||
        { tail -n 40 "corpus/$target.log" >&2; echo "Fuzzing found a crash in $target (fuzz/artifacts/$target)." >&2; exit 1; }
      echo "Fuzzing: $target ran ${seconds} s without a crash ($(grep -o 'Done [0-9]* runs' "corpus/$target.log" | tail -n 1 | cut -d' ' -f2) runs)."
    done
  )
}

case "${1:-}" in
  test)
    shift
    cargo fmt --all -- --check
    # Clippy also holds the code to Cargo.toml's rust-version: a use of
    # anything newer is an error (clippy::incompatible_msrv).
    cargo clippy --all-targets --locked --quiet -- -D warnings
    RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked --quiet
    cargo test --locked --quiet "$@"
    check_browser
    build_site --output target/example-public
    check_html target/example-public
    "${CARGO_TARGET_DIR:-target}/release/pejl" build --root examples/kalundborg --output target/kalundborg-public
    check_html target/kalundborg-public
    check_fuzz
    ;;
  *)
    build_site "$@"
    ;;
esac
