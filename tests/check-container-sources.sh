#!/usr/bin/env bash
# Checks that every source a COPY or ADD in the container build files names exists in the build context (the repository
# root, as charts/rollout-controller/README.md builds it) and is not left out by the file's .dockerignore. No container
# engine is needed: a renamed or moved file fails here, before any image is built. Each file's final stage must run as
# a numeric non-root USER (the chart also sets runAsNonRoot and a read-only root file system).
# With --build it also replays each file's build stage without an engine: the context paths its COPY instructions name
# are copied into an empty directory laid out as in the image, and its RUN commands (dotnet restore and publish) run
# there, so a file the build needs but does not copy fails here as it would in `docker build`; the published rolloutctl
# then validates policies/, and serves as user 10001 with the root file system read-only (a private mount namespace:
# needs root and unshare). Slow (a clean restore and
# publish); tests/run.sh --build runs it.
# Usage: tests/check-container-sources.sh [--build] [build files...]  (default: every charts/*/Dockerfile)
set -euo pipefail
cd "$(dirname "$0")/.."

build=false
if [ "${1:-}" = --build ]; then build=true; shift; fi
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

# The last USER of each file (the final stage's) must be a numeric, non-zero user.
for file in "${files[@]}"; do
  user=$(grep -iE '^\s*USER\s' "$file" | tail -1 | awk '{print $2}')
  if ! [[ "${user%%:*}" =~ ^[0-9]+$ ]] || [ "${user%%:*}" -eq 0 ]; then
    echo "error: $file: the final stage runs as '${user:-root}'; it must be a numeric non-root USER" | tee -a "$found" >&2
  fi
done

# Replays the first stage of a build file: WORKDIR, COPY from the context and RUN, in an empty directory standing for
# the image's file system (absolute paths in RUN commands are mapped into it).
replay() {
  local file=$1 root workdir=/ line instruction args
  root=$(mktemp -d)
  trap 'rm -rf "$root"' RETURN
  local stage=0
  while IFS= read -r line; do
    read -r instruction args <<<"$line"
    case "${instruction^^}" in
      FROM) stage=$((stage + 1)); [ "$stage" -le 1 ] || break ;;
      WORKDIR) workdir=$args; mkdir -p "$root$workdir" ;;
      COPY)
        [[ "$args" == --from=* ]] && continue
        read -r -a words <<<"$args"
        local dest=${words[-1]}
        [[ "$dest" == /* ]] || dest="$workdir/$dest"
        # What the file's .dockerignore leaves out of the context (build output, node_modules) is not copied either.
        for source in "${words[@]:0:${#words[@]}-1}"; do
          if [ -d "$source" ]; then
            mkdir -p "$root$dest"
            tar -C "$source" --exclude=bin --exclude=obj --exclude=node_modules -cf - . | tar -C "$root$dest" -xf -
          elif [[ "$dest" == */ ]]; then
            mkdir -p "$root$dest"; cp "$source" "$root$dest"
          else
            mkdir -p "$(dirname "$root$dest")"; cp "$source" "$root$dest"
          fi
        done ;;
      RUN)
        local command=${args//\/app/$root/app}
        command=${command//\/src/$root/src}
        echo "==> $file: RUN $args"
        if ! (cd "$root$workdir" && bash -euo pipefail -c "$command" >"$root/run.log" 2>&1); then
          tail -20 "$root/run.log" >&2
          echo "error: $file: RUN $args failed in a copy of exactly what the file copies" | tee -a "$found" >&2
          return
        fi ;;
    esac
  done < <(sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta' "$file" | grep -vE '^\s*(#|$)')
  if [ ! -f "$root/app/rolloutctl.dll" ]; then
    echo "error: $file: the build stage did not publish /app/rolloutctl.dll" | tee -a "$found" >&2
  elif ! dotnet "$root/app/rolloutctl.dll" validate policies/ >"$root/run.log" 2>&1; then
    tail -20 "$root/run.log" >&2
    echo "error: $file: the published rolloutctl does not run (rolloutctl validate policies/)" | tee -a "$found" >&2
  else
    serve_read_only "$file" "$root"
  fi
}
# Starts the published controller as the image does — user 10001, the root file system read-only, writable only /tmp
# and the database directory (emptyDirs in the chart) — in a private mount namespace (needs root and unshare), and
# waits for /readyz to answer 200.
serve_read_only() {
  local file=$1 root=$2 port
  port=$((20000 + RANDOM % 40000))
  mkdir -p "$root/app-policies"
  chmod a+rx "$root"; chmod -R a+rX "$root/app" "$root/app-policies"
  unshare --mount --propagation private bash -euc '
    mount --bind "$1" /mnt && mount -o remount,bind,ro /mnt
    mount -o remount,bind,ro /
    mount -t tmpfs -o mode=1777 tmpfs /tmp
    mount -t tmpfs -o mode=1777 tmpfs /var/tmp
    exec setpriv --reuid 10001 --regid 10001 --clear-groups env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/tmp \
      RolloutController__Store__ConnectionString="Data Source=/var/tmp/rollout-controller.db" \
      RolloutController__Prometheus__Url=http://127.0.0.1:1 \
      dotnet /mnt/app/rolloutctl.dll serve --policies /mnt/app-policies --urls "http://127.0.0.1:$2"' \
    serve "$root" "$port" >"$root/serve.log" 2>&1 &
  local pid=$! ready=false
  for _ in $(seq 1 150); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/readyz" 2>/dev/null)" = 200 ]; then ready=true; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if $ready; then
    echo "==> $file: the published controller serves as user 10001 on a read-only root file system (/readyz 200)"
  else
    tail -20 "$root/serve.log" >&2
    echo "error: $file: the published controller did not become ready as user 10001 on a read-only root file system" | tee -a "$found" >&2
  fi
}

if $build && [ "$(wc -l < "$found")" -eq 0 ]; then
  for file in "${files[@]}"; do replay "$file"; done
fi

failures=$(wc -l < "$found")
if [ "$failures" -gt 0 ]; then
  echo "error: $failures problem(s) with the container build files" >&2
  exit 1
fi
echo "container build files: every COPY/ADD source exists, the final stage runs as non-root (${files[*]})"
if $build; then echo "container build files: the build stage's restore and publish succeed on exactly what it copies"; fi
