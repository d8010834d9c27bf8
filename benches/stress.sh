#!/usr/bin/env bash
# benches/stress.sh [BIN...]: builds four sites whose one article or record is out of all
# proportion (20,000 headings of one title; 40,000 links on one line; a title of 20,000
# words; a record of 20,000 aliases), with each binary given (default: target/release/materia),
# and prints the wall time of each build. Each once took seconds or gigabytes: see
# benches/README.md (twenty-third session).
set -euo pipefail
bins=("$@")
[ ${#bins[@]} -gt 0 ] || bins=("$(dirname "$0")/../target/release/materia")
dir=$(mktemp -d "${TMPDIR:-/tmp}/materia-stress-XXXXXX")
trap 'rm -rf "$dir"' EXIT
front=$'---\ntitle: S\ndate: 2024-01-01\n---\n'
make_site() { # make_site CASE: writes $dir/site
  rm -rf "$dir/site"; mkdir -p "$dir/site/content/articles" "$dir/site/content/symptoms"
  printf 'title = "Stress"\nbase_url = "https://example.org/"\n' > "$dir/site/site.toml"
  local a="$dir/site/content/articles/a.md"
  case $1 in
    headings) { echo "$front"; awk 'BEGIN { for (i = 0; i < 20000; i++) print "## Symptoms\n\nText.\n" }'; } > "$a" ;;
    links) { echo "$front"; awk 'BEGIN { for (i = 0; i < 20000; i++) printf "[fatigue %d](/articles/a/) and [x](https://e.org/%d) ", i, i; print "" }'; } > "$a" ;;
    title) { printf -- '---\ntitle: '; awk 'BEGIN { for (i = 0; i < 20000; i++) printf "word%d ", i; print "" }'; printf 'date: 2024-01-01\n---\n\ntext\n'; } > "$a" ;;
    aliases) { printf 'name: Zed\naliases: ['; awk 'BEGIN { for (i = 0; i < 20000; i++) printf "%szal%d", (i ? ", " : ""), i; print "]" }'; } > "$dir/site/content/symptoms/zed.yaml"
             { echo "$front"; echo "text"; } > "$a" ;;
  esac
}
TIMEFORMAT='%R'
for case in headings links title aliases; do
  make_site "$case"
  for bin in "${bins[@]}"; do
    rm -rf "$dir/site/public"
    t=$( { time "$bin" build --root "$dir/site" --quiet >/dev/null 2>&1; } 2>&1 )
    printf '%-9s %6s s  %s\n' "$case" "$t" "$bin"
  done
done
