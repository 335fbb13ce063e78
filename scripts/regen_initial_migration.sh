#!/usr/bin/env bash
# Pre-release only: regenerate the 0001 migrations from store/tables.py.
# After the first release, add a new revision instead (see store/migrations/__init__.py).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
for kind in project raw; do
  versions=src/evaltoolkit/store/migrations/$kind/versions
  tmp=$(mktemp -d)
  keep=""
  if [ "$kind" = project ]; then
    # keep the hand-written append-only trigger helper
    keep=$(sed -n '/^def _make_audit_log_append_only/,/^def downgrade/p' $versions/0001_initial_schema.py | sed '$d')
  fi
  rm -f $versions/0001_initial_schema.py
  $BIN/alembic -c src/evaltoolkit/store/migrations/alembic.ini -n $kind -x url=sqlite:///$tmp/db.sqlite \
    revision --autogenerate -m "initial schema" --rev-id 0001 >/dev/null
  sed -i 's/^Create Date: .*/Create Date: 2026-11-23/' $versions/0001_initial_schema.py
  if [ -n "$keep" ]; then
    $BIN/python - "$versions/0001_initial_schema.py" "$keep" <<'PY'
import sys
path, keep = sys.argv[1], sys.argv[2]
text = open(path).read()
marker = "    # ### end Alembic commands ###\n"
i = text.index(marker) + len(marker)
text = text[:i] + "    _make_audit_log_append_only()\n\n\n" + keep + "\n" + text[i:]
open(path, "w").write(text)
PY
  fi
  rm -rf "$tmp"
done
echo "regenerated 0001 migrations"
