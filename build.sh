#!/usr/bin/env bash
# ./build.sh        compile pejl and build the example portal (content/) into public/
# ./build.sh test   everything CI checks: formatting, lints, all tests, and both example portals
# ./build.sh dist   the release archive for Linux x86-64 in dist/ (pejl, README, licence, checksums)
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

# The release archive: dist/pejl-<version>-x86_64-linux.tar.gz, holding
# pejl-<version>/ with the stripped binary, README.md, LICENSE and SHA256SUMS
# (of the binary), and beside it <archive>.sha256. The binary needs nothing
# but the C library: the themes are inside it. Prints the archive's path.
make_dist() {
  cargo build --release --locked --quiet
  local bin="${CARGO_TARGET_DIR:-target}/release/pejl"
  local others
  others="$(ldd "$bin" | awk '{print $1}' | grep -Ev '^(linux-vdso\.so|/lib64/ld-linux-x86-64\.so|lib(c|m|gcc_s)\.so)' || true)"
  if [[ -n $others ]]; then
    echo "pejl needs libraries a fresh Debian may not have: $others" >&2
    exit 1
  fi
  # README's Install promises glibc 2.34 (Debian 12, Ubuntu 22.04, RHEL 9).
  local glibc
  glibc="$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1)"
  if [[ "$(printf '%s\n' "$glibc" GLIBC_2.34 | sort -V | tail -n 1)" != GLIBC_2.34 ]]; then
    echo "pejl needs $glibc, newer than the glibc 2.34 README's Install promises." >&2
    exit 1
  fi
  local version name stage
  version="$("$bin" --version | cut -d' ' -f2)"
  name="pejl-$version"
  stage="${CARGO_TARGET_DIR:-target}/dist-stage"
  rm -rf "$stage" && mkdir -p "$stage/$name" dist
  strip -o "$stage/$name/pejl" "$bin"
  cp README.md LICENSE "$stage/$name/"
  (cd "$stage/$name" && sha256sum pejl >SHA256SUMS)
  # The same bytes for the same commit: fixed order, owner and time, no gzip timestamp.
  local when
  when="$(git log -1 --format=%ct 2>/dev/null || echo 0)"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$when" -C "$stage" -cf - "$name" |
    gzip -9n >"dist/$name-x86_64-linux.tar.gz"
  (cd dist && sha256sum "$name-x86_64-linux.tar.gz" >"$name-x86_64-linux.tar.gz.sha256")
  rm -rf "$stage"
  echo "dist/$name-x86_64-linux.tar.gz"
}

# The archive as an IT department uses it: checksums checked, unpacked into an
# empty folder, and run with a bare environment (no Rust, no cargo on PATH) on
# a copy of the example portal without its themes/ folder. Then the crate as
# crates.io gets it: `cargo package` builds it from its packaged files alone.
check_dist() {
  local archive
  archive="$(make_dist)"
  local check="${CARGO_TARGET_DIR:-target}/dist-check"
  rm -rf "$check" && mkdir -p "$check/unpacked" "$check/portal"
  (cd dist && sha256sum --check --quiet "$(basename "$archive").sha256")
  tar -xzf "$archive" -C "$check/unpacked"
  local unpacked
  unpacked="$(cd "$check/unpacked"/pejl-* && pwd)"
  (cd "$unpacked" && sha256sum --check --quiet SHA256SUMS)
  cp -R pejl.yaml content "$check/portal/"
  env -i PATH=/usr/bin:/bin "$unpacked/pejl" build --root "$check/portal" 2>"$check/build.log" ||
    { cat "$check/build.log" >&2; echo "The released pejl did not build the example portal." >&2; exit 1; }
  if [[ ! -f $check/portal/public/index.html ]]; then
    echo "The released pejl wrote no public/index.html." >&2
    exit 1
  fi
  echo "dist: $archive builds the example portal with a bare environment."
  rm -rf "$check"
  cargo package --locked --quiet
  local list
  list="$(cargo package --list --locked 2>/dev/null)"
  for wanted in LICENSE README.md Cargo.lock build.rs src/main.rs themes/default/theme.yaml themes/kontrast/theme.yaml vendor/pagefind-index/mod.rs vendor/pagefind-index/LICENSE; do
    grep -qx "$wanted" <<<"$list" || { echo "The crate lacks $wanted (Cargo.toml: include)." >&2; exit 1; }
  done
  if grep -E '^(tests|seeds|examples|content|node_modules|fuzz)/' <<<"$list" >/dev/null; then
    echo "The crate holds files only the repository needs (Cargo.toml: include)." >&2
    exit 1
  fi
  echo "cargo package: the crate builds from its $(wc -l <<<"$list") packaged files."
}

# What `pejl init` writes for GitHub Pages and GitLab Pages, linted against the
# platforms' own schemas (check-jsonschema's copies: no network needed); a
# broken copy of each must fail, or the lint proves nothing.
check_workflows() {
  local lint=target/lint-venv/bin/check-jsonschema
  [[ -x $lint ]] || lint="$(command -v check-jsonschema || true)"
  if [[ -z $lint ]]; then
    echo "The workflow check needs check-jsonschema: python3 -m venv target/lint-venv && target/lint-venv/bin/pip install check-jsonschema==0.39.0" >&2
    exit 1
  fi
  local dir="${CARGO_TARGET_DIR:-target}/workflow-check"
  rm -rf "$dir"
  "${CARGO_TARGET_DIR:-target}/release/pejl" init "$dir/portal" 2>/dev/null
  local github="$dir/portal/.github/workflows/pejl.yml" gitlab="$dir/portal/.gitlab-ci.yml"
  "$lint" --builtin-schema vendor.github-workflows "$github"
  "$lint" --builtin-schema custom.github-workflows-require-timeout "$github"
  "$lint" --builtin-schema vendor.gitlab-ci "$gitlab"
  sed 's/runs-on:/runs_on:/' "$github" >"$dir/broken-github.yml"
  sed 's/^  script:/  scripts:/' "$gitlab" >"$dir/broken-gitlab.yml"
  if "$lint" --builtin-schema vendor.github-workflows "$dir/broken-github.yml" >/dev/null 2>&1 ||
    "$lint" --builtin-schema vendor.gitlab-ci "$dir/broken-gitlab.yml" >/dev/null 2>&1; then
    echo "check-jsonschema accepted a broken workflow: the workflow check proves nothing." >&2
    exit 1
  fi
  echo "Workflows: what pejl init writes passes GitHub's and GitLab's schemas."
  rm -rf "$dir"
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
    check_workflows
    check_dist
    check_fuzz
    ;;
  dist)
    make_dist
    ;;
  *)
    build_site "$@"
    ;;
esac
