"""provgraph.mlflow.log_provenance against a real MLflow tracking store (sqlite in a temporary
directory), read back with MlflowClient."""

from __future__ import annotations

import json
from pathlib import Path

import mlflow
import pytest
from mlflow.tracking import MlflowClient

import provgraph.mlflow
from conftest import run_example, trained_model
from provgraph import Client, NotFoundError
from provgraph.mlflow import COMPOSITION_FIELDS


@pytest.fixture
def tracking(tmp_path: Path) -> str:
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    mlflow.set_tracking_uri(uri)
    experiment = mlflow.create_experiment("provgraph-test", artifact_location=(tmp_path / "artifacts").as_uri())
    mlflow.set_experiment(experiment_id=experiment)
    return uri


def test_log_provenance(client: Client, p: str, tracking: str) -> None:
    model = trained_model(client, p)
    with mlflow.start_run() as run:
        mlflow.log_metric("f1", 0.91)
        logged = provgraph.mlflow.log_provenance(client, model.model_version_id)
    assert logged.run_id == run.info.run_id

    reader = MlflowClient(tracking_uri=tracking)
    stored = reader.get_run(run.info.run_id)
    # 4 SYNTHETIC of 10; not ready (no evaluation, no review).
    assert {k: v for k, v in stored.data.tags.items() if k.startswith("provgraph.")} == {
        "provgraph.model_version_id": model.model_version_id,
        "provgraph.synthetic_ratio": "0.4",
        "provgraph.ready": "false",
        "provgraph.url": f"{client.base_url}/reports/model-versions/{model.model_version_id}?format=html",
    }

    artifact = json.loads(Path(reader.download_artifacts(run.info.run_id, "provgraph/composition.json")).read_text())
    served = client.query(f"query($id: ID!) {{ composition(of: $id) {{ {COMPOSITION_FIELDS} }} }}", id=model.model_version_id)["composition"]
    assert artifact["composition"] == served
    assert artifact["recordedComposition"] == served  # recorded at registration, unchanged since
    assert (artifact["modelVersionId"], artifact["declaredSyntheticRatio"]) == (model.model_version_id, 0.4)
    assert artifact["composition"]["syntheticRatio"] == client.composition(model.model_version_id).synthetic_ratio == 0.4

    readiness = json.loads(Path(reader.download_artifacts(run.info.run_id, "provgraph/readiness.json")).read_text())
    report = client.readiness(model.model_version_id)
    assert readiness["ready"] is False and [c["rule"] for c in readiness["checks"]] == [c.rule for c in report.checks]
    assert [c["status"] for c in readiness["checks"]] == [c.status.value for c in report.checks]

    inputs = stored.inputs.dataset_inputs
    assert len(inputs) == 1
    dataset = inputs[0].dataset
    tags = {t.key: t.value for t in inputs[0].tags}
    # MLflow keeps 36 characters of a digest; the sealed digest is whole in the input tag.
    assert (dataset.name, dataset.digest, dataset.source_type) == (model.dataset_version_id, model.digest[:36], "http")
    assert tags == {"mlflow.data.context": "training", "provgraph.digest": model.digest, "provgraph.dataset_id": f"{p}ds"}


def test_an_unknown_model_version(client: Client, p: str, tracking: str) -> None:
    with mlflow.start_run(), pytest.raises(NotFoundError):
        provgraph.mlflow.log_provenance(client, f"{p}nothing")


def test_the_mlflow_example(client: Client, p: str, tmp_path: Path) -> None:
    uri = f"sqlite:///{tmp_path / 'example.db'}"
    result = run_example("mlflow_provenance.py", p, env={"MLFLOW_TRACKING_URI": uri}, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    run_id = result.stdout.strip().splitlines()[-1].split()[-1]
    tags = MlflowClient(tracking_uri=uri).get_run(run_id).data.tags
    # The example trains on 80 REAL and 20 SYNTHETIC rows: 20 / 100.
    assert (tags["provgraph.model_version_id"], tags["provgraph.synthetic_ratio"]) == (f"{p}fraud:v1", "0.2")
