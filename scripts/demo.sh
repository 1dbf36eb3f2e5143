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
scaffold --data type=feature --data name=campaign-wizard --data entity=campaign \
  --data "fields=name:str budget:int? starts_at:datetime" \
  --data "labels=campaign=Campagne/Campagnes name=Nom budget=Budget starts_at=Date de début"
scaffold --data type=component --data name=lead-card
scaffold --data type=api --data name=leads-endpoints --data "fields=email:str company:str?"
scaffold --data type=agent --data name=bant-qualifier
scaffold --data type=database --data name=add-lead-enrichment
scaffold --data type=fix --data name=celery-startup --data target=app.core.celery_app
# The developer writes the regression test the fix unit left as a failing skeleton.
cat > "$demo/backend/tests/test_regression_celery_startup.py" <<'PY'
from app.core.celery_app import celery_app


def test_celery_app_starts_with_its_tasks_registered():
    assert "health.ping" in celery_app.tasks
PY
git -C "$demo" commit -q -am "test: regression test of celery-startup"
scaffold --data type=test --data name=bant-service --data test_kind=unit-agent --data target=bant-qualifier

echo "demo: project ready in $demo"
git -C "$demo" log --oneline
# The backend creates this account at its first start on the embedded defaults
# (backend/app/db/demo.py; never in production): sign in with it.
echo "demo: sign in as demo@example.com, password vectra-demo-password"
echo "      (owner of the organization Demo, viewer of Demo Partner)"
