#!/usr/bin/env python3
"""check_schema.py SCHEMA FILE... - validates JSON files against a JSON
Schema (draft 7) with python3-jsonschema (a test dependency, Debian's
python3-jsonschema); prints the first error and exits 1 when one fails."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
bad = 0
for path in sys.argv[2:]:
    doc = json.load(open(path, encoding="utf-8"))
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:3]:
        print(f"{path}: {'/'.join(map(str, e.path)) or '(top)'}: {e.message}", file=sys.stderr)
    bad += bool(errors)
sys.exit(1 if bad else 0)
