"""Train a model, register it with provgraph, and log its provenance to the MLflow run.

    MLFLOW_TRACKING_URI=sqlite:///mlflow.db python mlflow_provenance.py [id-prefix]

Ends by printing the MLflow run id.
"""

import sys

import mlflow
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

import provgraph.mlflow
from provgraph import Client

prefix = sys.argv[1] if len(sys.argv) > 1 else "example-"
client = Client()  # PROVGRAPH_URL, PROVGRAPH_API_KEY

# 80 real transactions and 20 from a simulator; each row is one sample.
rng = np.random.default_rng(7)
rows = pd.DataFrame({"amount": rng.normal(50, 10, 100), "fraud": rng.integers(0, 2, 100)})
rows["id"] = [f"{prefix}tx-{i}" for i in range(100)]
rows["origin"] = np.where(rows.index < 80, "REAL", "SYNTHETIC")
rows["generation_run_id"] = np.where(rows.index < 80, None, f"{prefix}sim-run")

client.register_generator(id=f"{prefix}sim", name="fraud simulator", kind="SIMULATOR", version="1.2")
client.record_generation_run(id=f"{prefix}sim-run", generator_id=f"{prefix}sim", purpose="SCENARIO_SIMULATION")
client.ingest_samples(rows[["id", "origin", "generation_run_id"]])
client.create_dataset(id=f"{prefix}fraud-train", name="fraud training set", purpose="TRAINING")
client.create_dataset_version(id=f"{prefix}fraud-train:v1", dataset_id=f"{prefix}fraud-train", version="1")
client.add_samples_to_version(f"{prefix}fraud-train:v1", rows["id"])
client.seal_dataset_version(f"{prefix}fraud-train:v1")

with mlflow.start_run() as run:
    model = LogisticRegression().fit(rows[["amount"]], rows["fraud"])
    mlflow.log_metric("train_accuracy", float(model.score(rows[["amount"]], rows["fraud"])))
    client.register_model_version(
        id=f"{prefix}fraud:v1", model_id=f"{prefix}fraud", model_name="fraud classifier", kind="MODEL", version="1",
        trained_on_dataset_version_ids=[f"{prefix}fraud-train:v1"], training_run_id=f"{prefix}train-{run.info.run_id}",
        training_parameters={"mlflow_run_id": run.info.run_id},
    )
    logged = provgraph.mlflow.log_provenance(client, f"{prefix}fraud:v1")
    print(f"synthetic ratio {logged.tags['provgraph.synthetic_ratio']}, ready: {logged.tags['provgraph.ready']}")
    print(f"MLflow run {run.info.run_id}")
