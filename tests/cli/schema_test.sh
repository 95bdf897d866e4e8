#!/usr/bin/env bash
# Validates the expected sample graphs and a fresh run over every sample (as
# one {"graphs": [...]} and as JSONL) against docs/graph.schema.json.
set -euo pipefail
relata="$1"; src="$2"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$relata" annotate "$src"/samples/*.txt -o "$tmp/all.json"
"$relata" annotate "$src"/samples/*.txt --format jsonl -o "$tmp/all.jsonl"
/usr/bin/python3 "$src/tests/graph/validate_schema.py" "$tmp/all.json" "$tmp/all.jsonl" "$src"/samples/*.expected.json
echo "schema: 1 passed, 0 failed"
