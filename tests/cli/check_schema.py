#!/usr/bin/env python3
"""check_schema.py SCHEMA FILE... - validates JSON files against a JSON
Schema (draft 7) with python3-jsonschema (a test dependency, Debian's
python3-jsonschema); prints the first error and exits 1 when one fails."""
import json
import os
import sys
import warnings

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft7Validator.check_schema(schema)
# A schema may refer to its neighbours (build's findings are validate's):
# every schema in its folder is known by its $id, never fetched.
folder = os.path.dirname(os.path.abspath(sys.argv[1]))
store = {}
for name in os.listdir(folder):
    if name.endswith(".schema.json"):
        other = json.load(open(os.path.join(folder, name), encoding="utf-8"))
        store[other["$id"]] = other
# RefResolver is deprecated in newer releases, but it is what Debian 12 has.
warnings.simplefilter("ignore", DeprecationWarning)
resolver = jsonschema.RefResolver(schema["$id"], schema, store=store)
validator = jsonschema.Draft7Validator(schema, resolver=resolver)
bad = 0
for path in sys.argv[2:]:
    doc = json.load(open(path, encoding="utf-8"))
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:3]:
        print(f"{path}: {'/'.join(map(str, e.path)) or '(top)'}: {e.message}", file=sys.stderr)
    bad += bool(errors)
sys.exit(1 if bad else 0)
