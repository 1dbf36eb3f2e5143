#!/usr/bin/env bash
# The main job, end to end: bootstrap a VECTRA project from this checkout and
# scaffold one unit of each type into it, each committed, as a team would.
# Usage: scripts/demo.sh [DIR]   (default: ./demo; refused if it exists)
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
demo="${1:-demo}"
copier="${COPIER:-copier}"

if [ -e "$demo" ]; then
  echo "demo: $demo already exists; remove it or pass another directory" >&2
  exit 1
fi

git init -q -b main "$demo"
git -C "$demo" config user.email demo@vectra.test
git -C "$demo" config user.name "VECTRA demo"

scaffold() {
  "$copier" copy --trust --defaults --quiet -r HEAD "$here" "$demo" "$@"
  git -C "$demo" add -A
  git -C "$demo" commit -q -m "chore(scaffold): $*"
}

scaffold --data type=project --data name=vectra-demo --data template_source="$here"
scaffold --data type=feature --data name=campaign-wizard
scaffold --data type=component --data name=lead-card
scaffold --data type=api --data name=campaigns-endpoints
scaffold --data type=agent --data name=bant-qualifier
scaffold --data type=database --data name=add-lead-enrichment
scaffold --data type=fix --data name=celery-startup
scaffold --data type=test --data name=bant-service

echo "demo: project ready in $demo"
git -C "$demo" log --oneline
