"""MLflow: the synthetic ratio, the feature composition and the readiness verdict of a model
version, logged to the MLflow run that trained it (DOMAIN.md 10.5).

    import mlflow, provgraph.mlflow
    with mlflow.start_run():
        ...train...
        provgraph.mlflow.log_provenance(client, "fraud:classifier:v3")

Needs the ``mlflow`` extra.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from .client import Client
from .errors import NotFoundError

_SHARES = "key count share"
COMPOSITION_FIELDS = (
    f"total real synthetic augmented syntheticRatio maxGenerationDepth byGenerator {{ {_SHARES} }} "
    f"bySlice {{ {_SHARES} }} byLabelerKind {{ {_SHARES} }} byGenerationDepth {{ {_SHARES} }}"
)
"""The composition as the artifact holds it: every field of the GraphQL type."""
FEATURE_COMPOSITION_FIELDS = "total real synthetic mixed unknown syntheticFeatureShare byFeatureView { featureView { id } origin features }"
READINESS_FIELDS = "modelVersionId ready generatedAt checks { rule status detail violationCount violations evidence }"

MLFLOW_DIGEST_LENGTH = 36
"""MLflow keeps at most 36 characters of a dataset digest; the full one is the input tag ``provgraph.digest``."""


@dataclass(frozen=True)
class LoggedProvenance:
    """What was logged, and where."""

    run_id: str
    composition: dict[str, Any]
    """The content of ``provgraph/composition.json``."""
    readiness: dict[str, Any]
    """The content of ``provgraph/readiness.json``."""
    tags: dict[str, str]


_DOCUMENT = (
    "query($id: ID!) { "
    f"readiness(modelVersionId: $id) {{ {READINESS_FIELDS} }} "
    f"modelVersion(id: $id) {{ id declaredSyntheticRatio composition {{ {COMPOSITION_FIELDS} }} "
    f"recordedComposition {{ {COMPOSITION_FIELDS} }} "
    f"featureComposition {{ {FEATURE_COMPOSITION_FIELDS} }} recordedFeatureComposition {{ {FEATURE_COMPOSITION_FIELDS} }} "
    "trainedOn { id version digest sealedAt dataset { id name purpose } } } }"
)


def log_provenance(client: Client, model_version_id: str, run_id: str | None = None) -> LoggedProvenance:
    """Logs to the MLflow run ``run_id`` (default: the active run, started if there is none, as
    MLflow's own ``log_*`` functions do):

    - artifact ``provgraph/composition.json``: ``{modelVersionId, composition,
      recordedComposition, declaredSyntheticRatio, featureComposition,
      recordedFeatureComposition}`` as the GraphQL API returns them (feature compositions are
      null for a model trained on no feature service);
    - artifact ``provgraph/readiness.json``: the readiness report;
    - tags ``provgraph.model_version_id``, ``provgraph.synthetic_ratio`` (of the distinct
      training samples, now), ``provgraph.ready`` (``true`` / ``false``) and ``provgraph.url``
      (the auditor report);
    - each training dataset version as an MLflow dataset input (``MetaDataset``, context
      ``training``, name the version id, source its member manifest on the server, digest the
      sealed digest's first 36 characters, MLflow's limit; input tag ``provgraph.digest`` the
      whole of it).

    Raises NotFoundError when the model version does not exist.
    """
    import mlflow
    from mlflow.data.http_dataset_source import HTTPDatasetSource
    from mlflow.data.meta_dataset import MetaDataset
    from mlflow.entities import DatasetInput, InputTag
    from mlflow.tracking import MlflowClient
    from mlflow.utils.mlflow_tags import MLFLOW_DATASET_CONTEXT

    data = client.query(_DOCUMENT, id=model_version_id)
    version = data["modelVersion"]
    if version is None:
        raise NotFoundError(f"model version '{model_version_id}' not found")
    composition = {
        "modelVersionId": version["id"],
        "composition": version["composition"],
        "recordedComposition": version["recordedComposition"],
        "declaredSyntheticRatio": version["declaredSyntheticRatio"],
        "featureComposition": version["featureComposition"],
        "recordedFeatureComposition": version["recordedFeatureComposition"],
    }
    readiness = data["readiness"]
    tags = {
        "provgraph.model_version_id": version["id"],
        "provgraph.synthetic_ratio": repr(float(version["composition"]["syntheticRatio"])),
        "provgraph.ready": "true" if readiness["ready"] else "false",
        "provgraph.url": f"{client.base_url}/reports/model-versions/{quote(version['id'], safe='')}?format=html",
    }

    if run_id is None:
        active = mlflow.active_run() or mlflow.start_run()
        run_id = str(active.info.run_id)
    tracking = MlflowClient()
    tracking.log_text(run_id, json.dumps(composition, indent=2, sort_keys=True), "provgraph/composition.json")
    tracking.log_text(run_id, json.dumps(readiness, indent=2, sort_keys=True), "provgraph/readiness.json")
    for key, value in tags.items():
        tracking.set_tag(run_id, key, value)
    inputs = []
    for dataset_version in version["trainedOn"]:
        manifest = f"{client.base_url}/export/datasets/{quote(dataset_version['id'], safe='')}/members.tsv"
        dataset = MetaDataset(HTTPDatasetSource(url=manifest), name=dataset_version["id"], digest=str(dataset_version["digest"])[:MLFLOW_DIGEST_LENGTH])
        input_tags = [
            InputTag(key=MLFLOW_DATASET_CONTEXT, value="training"),
            InputTag(key="provgraph.digest", value=str(dataset_version["digest"])),
            InputTag(key="provgraph.dataset_id", value=dataset_version["dataset"]["id"]),
        ]
        inputs.append(DatasetInput(dataset=dataset._to_mlflow_entity(), tags=input_tags))
    if inputs:
        tracking.log_inputs(run_id, datasets=inputs)
    return LoggedProvenance(run_id, composition, readiness, tags)
