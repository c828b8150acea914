"""Reads PROV documents back with the reference reader (the `prov` package) and prints, as JSON,
what each holds: record counts per PROV-N kind, the ids (local parts percent-decoded), the
root's attributes, and whether every format read back to the same document.

usage: prov_read.py <namespace> <root id> <file>:<format> ...   (format: json, provn, rdf)
"""
import json
import sys
from collections import Counter
from urllib.parse import unquote

import prov
from prov.constants import PROV_N_MAP
from prov.model import ProvElement

namespace, root = sys.argv[1], sys.argv[2]
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
    out[fmt] = {"kinds": dict(kinds), "ids": ids, "root": attrs, "plans": plans}
out["same"] = all(d == docs[0] for d in docs[1:])
print(json.dumps(out))
