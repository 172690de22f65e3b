#!/usr/bin/env bash
# Replace the vendored Decap CMS with the files of its npm package, pinned:
#   vendor/decap-cms/update.sh 3.16.3
# pejl embeds these files (the editor at /admin/); they are never edited by
# hand. SOURCE.txt records the version, npm's integrity hash of the package
# and each file's SHA-256, and tests/cms.rs checks the files against it.
set -euo pipefail
version="${1:?usage: vendor/decap-cms/update.sh VERSION}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "decap-cms@$version" --silent >/dev/null && tar xzf "decap-cms-$version.tgz")
integrity="$(npm view "decap-cms@$version" dist.integrity)"
expected="$(cd "$work" && openssl dgst -sha512 -binary "decap-cms-$version.tgz" | base64 -w0)"
if [[ "$integrity" != "sha512-$expected" ]]; then
  echo "The package does not match npm's integrity hash: not updated." >&2
  exit 1
fi
find "$here" -maxdepth 1 -type f ! -name update.sh -delete
dist="$work/package/dist"
cp "$dist"/*decap-cms.js "$dist"/*.wasm "$dist/decap-cms.js.LICENSE.txt" "$here/"
{
  echo "package: decap-cms@$version"
  echo "integrity: $integrity"
  echo "licence: MIT (https://github.com/decaporg/decap-cms/blob/main/LICENSE)"
  echo "files:"
  (cd "$here" && sha256sum -- $(ls | grep -v -e '^update.sh$' -e '^SOURCE.txt$' | sort) | sed 's/^/  /')
} >"$here/SOURCE.txt"
echo "Decap CMS $version vendored: $(ls "$here" | wc -l) files."
