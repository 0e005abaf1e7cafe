#!/usr/bin/env bash
# Checks that every source a COPY or ADD in the container build files names exists in the build context (the repository
# root, as charts/rollout-controller/README.md builds it) and is not left out by the file's .dockerignore. No container
# engine is needed: a renamed or moved file fails here, before any image is built.
# Usage: tests/check-container-sources.sh [build files...]  (default: every charts/*/Dockerfile)
set -euo pipefail
cd "$(dirname "$0")/.."

files=("$@")
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(find charts -name Dockerfile -o -name Containerfile | sort)

# One line per missing source; the loop below runs in a pipeline's subshell, so it counts through this file.
found=$(mktemp)
trap 'rm -f "$found"' EXIT

# Plain prefixes (no wildcard) of the .dockerignore beside the build file: what the context leaves out.
ignored_prefixes() {
  local ignore="$1.dockerignore"
  [ -f "$ignore" ] || return 0
  grep -v '^\s*#' "$ignore" | grep -v '[*?!]' | sed 's|^/||; s|/*\s*$||' | grep -v '^$' || true
}

for file in "${files[@]}"; do
  mapfile -t ignored < <(ignored_prefixes "$file")
  # Join continuation lines, then take each COPY/ADD instruction.
  sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta' "$file" | grep -inE '^\s*(COPY|ADD)\s' | while IFS= read -r line; do
    instruction=${line#*:}
    read -r -a words <<<"$instruction"
    sources=()
    for word in "${words[@]:1}"; do
      case "$word" in
        --from=*) continue 2 ;; # copies from another stage or image, not from the context
        --*) ;;
        *) sources+=("$word") ;;
      esac
    done
    # JSON form: ["src", ..., "dest"].
    if [[ "${sources[0]:-}" == \[* ]]; then
      mapfile -t sources < <(sed 's/^[^[]*\[//; s/\].*$//' <<<"${instruction#*[}" | tr ',' '\n' | sed 's/^\s*"//; s/"\s*$//')
    fi
    unset 'sources[${#sources[@]}-1]' # the destination
    for source in "${sources[@]}"; do
      [[ "$source" == http://* || "$source" == https://* ]] && continue
      path=${source#./}
      # shellcheck disable=SC2206 # a wildcard source must match at least one path
      matches=($path)
      if [ ! -e "${matches[0]}" ]; then
        echo "error: $file: $instruction: '$source' does not exist in the build context (the repository root)" | tee -a "$found" >&2
        continue
      fi
      for prefix in "${ignored[@]}"; do
        if [[ "$path" == "$prefix" || "$path" == "$prefix"/* ]]; then
          echo "error: $file: $instruction: '$source' is left out of the build context by $file.dockerignore ('$prefix')" | tee -a "$found" >&2
        fi
      done
    done
  done
done

failures=$(wc -l < "$found")
if [ "$failures" -gt 0 ]; then
  echo "error: $failures COPY/ADD source(s) of the container build files are missing from the build context" >&2
  exit 1
fi
echo "container build files: every COPY/ADD source exists (${files[*]})"
