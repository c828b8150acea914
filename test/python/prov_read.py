"""Reads PROV documents back with the reference reader (the `prov` package) and prints, as JSON,
what each holds: record counts per PROV-N kind, the ids (local parts percent-decoded), the
root's attributes, whether every format read back to the same document, and, per element,
its kind, types and times, per relation its kind and formal arguments (names as `pg:<id>` and
`prov:<term>`, ids percent-decoded; times as ISO 8601 UTC with milliseconds).

usage: prov_read.py <namespace> <root id> <file>:<format> ...   (format: json, provn, rdf)
"""
import json
import sys
from collections import Counter
from datetime import datetime, timezone
from urllib.parse import unquote

import prov
from prov.constants import PROV, PROV_N_MAP
from prov.identifier import QualifiedName
from prov.model import ProvActivity, ProvElement

namespace, root = sys.argv[1], sys.argv[2]


def name(value):
    """A qualified name as `pg:<id>` or `prov:<term>`; anything else as its text."""
    if isinstance(value, QualifiedName):
        if value.uri.startswith(namespace):
            return "pg:" + unquote(value.uri[len(namespace):])
        if value.uri.startswith(PROV.uri):
            return "prov:" + value.uri[len(PROV.uri):]
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return None if value is None else str(value)


def element(r):
    out = {"kind": PROV_N_MAP[r.get_type()], "types": sorted(name(t) for t in r.get_asserted_types())}
    if isinstance(r, ProvActivity):
        out["start"], out["end"] = name(r.get_startTime()), name(r.get_endTime())
    return out


out = {}
docs = []
for arg in sys.argv[3:]:
    path, fmt = arg.rsplit(":", 1)
    kwargs = {"rdf_format": "turtle"} if fmt == "rdf" else {}
    with open(path, "rb") as f:
        doc = prov.read(f, format=fmt, **kwargs)
    docs.append(doc)
    records = doc.get_records()
    kinds = Counter(PROV_N_MAP[r.get_type()] for r in records)
    ids = sorted(unquote(r.identifier.uri[len(namespace):]) for r in records if isinstance(r, ProvElement))
    root_record = next(r for r in records if isinstance(r, ProvElement) and unquote(r.identifier.uri[len(namespace):]) == root)
    attrs = {str(k): str(v) for k, v in root_record.attributes}
    plans = sum(1 for r in records if PROV_N_MAP[r.get_type()] == "wasAssociatedWith" and any(str(k) == "prov:plan" for k, _ in r.formal_attributes if _ is not None))
    elements = {name(r.identifier)[3:]: element(r) for r in records if isinstance(r, ProvElement)}
    relations = sorted(
        [PROV_N_MAP[r.get_type()], *(name(v) for _, v in r.formal_attributes if v is not None)]
        for r in records
        if not isinstance(r, ProvElement)
    )
    out[fmt] = {"kinds": dict(kinds), "ids": ids, "root": attrs, "plans": plans, "elements": elements, "relations": relations}
out["same"] = all(d == docs[0] for d in docs[1:])
print(json.dumps(out))
