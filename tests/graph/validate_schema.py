#!/usr/bin/env python3
"""Validates relata output files against docs/graph.schema.json.

Usage: validate_schema.py [--golden] [FILE ...]

Each FILE is either JSON (one object: {"graph": ...}, {"graphs": [...]} or
{"error": ...}) or JSONL (*.jsonl: one such object per non-empty line).
--golden (implied when no FILE is given) adds every *.json / *.jsonl under
tests/golden/ and every samples/*.expected.json, if present.

Also rejects duplicate object keys, which Python's json would silently merge.
Exits 0 when every record is valid, 1 when any is not (each failure printed as
"path[:line]: message" on stderr), 2 on usage errors or a missing jsonschema.
"""
import glob
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA_PATH = os.path.join(REPO, "docs", "graph.schema.json")


def reject_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError("duplicate key %r" % key)
        obj[key] = value
    return obj


def golden_files():
    found = []
    found += glob.glob(os.path.join(REPO, "tests", "golden", "**", "*.json"), recursive=True)
    found += glob.glob(os.path.join(REPO, "tests", "golden", "**", "*.jsonl"), recursive=True)
    found += glob.glob(os.path.join(REPO, "samples", "*.expected.json"))
    return sorted(found)


def records(path):
    """Yields (location, text) for every record in `path`."""
    with open(path, encoding="utf-8") as f:
        content = f.read()
    if path.endswith(".jsonl"):
        for number, line in enumerate(content.splitlines(), 1):
            if line.strip():
                yield "%s:%d" % (path, number), line
    else:
        yield path, content


def main(argv):
    try:
        import jsonschema
    except ImportError:
        print("validate_schema.py: python3 module jsonschema is not installed "
              "(apt-get install python3-jsonschema)", file=sys.stderr)
        return 2

    args = [a for a in argv if a != "--golden"]
    files = list(args)
    if "--golden" in argv or not args:
        files += golden_files()
    if not files:
        print("validate_schema.py: no files to validate")
        return 0

    with open(SCHEMA_PATH, encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    failures = 0
    checked = 0
    for path in files:
        if not os.path.isfile(path):
            print("%s: no such file" % path, file=sys.stderr)
            failures += 1
            continue
        try:
            for location, text in records(path):
                checked += 1
                try:
                    instance = json.loads(text, object_pairs_hook=reject_duplicates)
                except ValueError as e:
                    print("%s: not valid JSON: %s" % (location, e), file=sys.stderr)
                    failures += 1
                    continue
                # best_match descends into the oneOf branch the record was
                # meant for, so the message names the offending field.
                error = jsonschema.exceptions.best_match(validator.iter_errors(instance))
                if error is not None:
                    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
                    print("%s: at %s: %s" % (location, where, error.message), file=sys.stderr)
                    failures += 1
        except (OSError, UnicodeDecodeError) as e:
            print("%s: cannot read: %s" % (path, e), file=sys.stderr)
            failures += 1

    if failures:
        print("validate_schema.py: %d of %d record(s) invalid" % (failures, checked), file=sys.stderr)
        return 1
    print("validate_schema.py: %d record(s) valid" % checked)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
