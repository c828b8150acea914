"""Loads a Croissant JSON-LD from the server with mlcroissant (which downloads the member
manifest and verifies its sha256) and prints the records of `members` as JSON lines."""
import json
import sys

import mlcroissant as mlc

dataset = mlc.Dataset(jsonld=sys.argv[1])
for record in dataset.records("members"):
    print(json.dumps({k.split("/")[-1]: v.decode() if isinstance(v, bytes) else v for k, v in record.items()}))
