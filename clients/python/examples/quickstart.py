"""From a pipeline to an auditor's verdict: samples in from a DataFrame, a sealed training set,
a registered model, its readiness.

    PROVGRAPH_URL=http://127.0.0.1:4000/graphql python quickstart.py [id-prefix]
"""

import sys

import pandas as pd

from provgraph import Client, ConflictError

prefix = sys.argv[1] if len(sys.argv) > 1 else "example-"
client = Client()  # PROVGRAPH_URL, PROVGRAPH_API_KEY; Client(url, api_key) works too

client.register_generator(id=f"{prefix}gpt", name="support ticket writer", kind="LLM", version="2024-06", model="gpt-4o")
client.record_generation_run(id=f"{prefix}run-1", generator_id=f"{prefix}gpt", purpose="AUGMENTATION")

# Columns are SampleInput fields, in snake_case or as GraphQL spells them; NaN / None = absent.
tickets = pd.DataFrame(
    {
        "id": [f"{prefix}ticket-{i}" for i in range(1_000)],
        "origin": ["SYNTHETIC" if i % 4 == 0 else "REAL" for i in range(1_000)],
        "generation_run_id": [f"{prefix}run-1" if i % 4 == 0 else None for i in range(1_000)],
        "slice": ["billing" if i % 2 else "login" for i in range(1_000)],
        "kind": "RECORD",
    }
)
summary = client.ingest_samples(tickets)  # batches of 10,000, retried when the server is away
print(f"ingested: {summary.created} created, {summary.unchanged} unchanged")

client.create_dataset(id=f"{prefix}tickets", name="support tickets", purpose="TRAINING")
client.create_dataset_version(id=f"{prefix}tickets:v1", dataset_id=f"{prefix}tickets", version="1")
client.add_samples_to_version(f"{prefix}tickets:v1", tickets["id"])
version = client.seal_dataset_version(f"{prefix}tickets:v1")
print(f"sealed {version.id}: digest {version.digest}, synthetic ratio {version.composition.synthetic_ratio:.2f}")

client.register_model_version(
    id=f"{prefix}classifier:v1", model_id=f"{prefix}classifier", model_name="ticket classifier", kind="MODEL",
    version="1", trained_on_dataset_version_ids=[version.id], training_run_id=f"{prefix}train-1", declared_synthetic_ratio=0.25,
)
report = client.readiness(f"{prefix}classifier:v1")
print("READY" if report.ready else "NOT READY")
for check in report.checks:
    print(f"  {check.status.value:<14} {check.rule}: {check.detail}")

try:  # provenance is never rewritten: other content under a stored id is refused
    client.register_generator(id=f"{prefix}gpt", name="another writer", kind="LLM", version="2024-06")
except ConflictError as error:
    print(f"refused: {error.code}: {error.message}")
