#!/usr/bin/python3
"""Validates JSON documents against a JSON Schema (draft 2020-12) with
Debian's python3-jsonschema. Prints every error, one per line, and exits 1
on any; 2 when it cannot run.

    validate-json.py SCHEMA FILE...
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed (apt-get install python3-jsonschema)")
    sys.exit(2)

def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    validator.check_schema(schema)
    bad = 0
    for path in sys.argv[2:]:
        with open(path) as f:
            document = json.load(f)
        for error in sorted(validator.iter_errors(document), key=str):
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: /{where}: {error.message}")
            bad += 1
    return 1 if bad else 0

sys.exit(main())
