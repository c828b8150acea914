"""Feast: a feature repository's definitions sent to provgraph through Feast's own OpenLineage
emitter, then each feature view's origin written back into the Feast registry as tags
(DOMAIN.md 9.1, 9.2, 10.5): "synthetic data origin tagged in the feature store".

    provgraph.feast.sync(client, "feature_repo")

Needs the ``feast`` extra (Feast 0.67+ with openlineage-python).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .client import Client
from .errors import InternalError, ProvgraphError

PROJECTIONS_FACET = "provgraph_featureService"
_ASSET = "query($namespace: String!, $name: String!) { dataAsset(namespace: $namespace, name: $name) { id origin { origin syntheticRatio } } }"


@dataclass(frozen=True)
class FeastSync:
    """What one sync did."""

    events: int
    """OpenLineage events provgraph accepted as new."""
    duplicates: int
    """Events it had received before (a sync of an unchanged repository sends only these)."""
    namespace: str
    """The OpenLineage namespace of the repository's assets (Feast names it after the project)."""
    tags: dict[str, dict[str, str]] = field(default_factory=dict)
    """The provgraph tags written on each feature view, by view name."""


def _projections(store: Any) -> dict[str, list[dict[str, Any]]]:
    """Per feature service, the features it keeps of each view (Feast's events give only their
    count): the ``provgraph_featureService`` job facet of DOMAIN.md 9.2."""
    return {
        service.name: [{"featureView": p.name, "features": [f.name for f in p.features]} for p in service.feature_view_projections]
        for service in store.registry.list_feature_services(project=store.project, allow_cache=False)
    }


def _emitter_client(base: Any, target: Client, projections: dict[str, list[dict[str, Any]]]) -> Any:
    """Feast's OpenLineage client with provgraph's client as its transport: the events are the
    ones Feast builds; provgraph's client sends them (retries, typed errors), adding the
    projections facet to each feature service's run."""
    from openlineage.client.serde import Serde

    class ToProvgraph(base):  # type: ignore[misc]
        def __init__(self, config: Any) -> None:
            super().__init__(config)
            self.answers: list[dict[str, Any]] = []
            self.errors: list[ProvgraphError] = []

        def emit(self, event: Any) -> bool:
            payload = Serde.to_dict(event)
            job = payload.get("job") or {}
            service = str(job.get("name", "")).removeprefix("feature_service_")
            if str(job.get("name", "")).startswith("feature_service_") and service in projections:
                job.setdefault("facets", {})[PROJECTIONS_FACET] = {
                    "_producer": "https://github.com/provgraph/provgraph/tree/main/clients/python",
                    "_schemaURL": f"{target.base_url}/spec/facets/1-0-0/ProvgraphFeatureServiceJobFacet.json",
                    "projections": projections[service],
                }
            try:
                self.answers.append(target.post_lineage(payload))
            except ProvgraphError as error:
                self.errors.append(error)
                return False
            return True

    return ToProvgraph


def sync(client: Client, repo_path: str | Path) -> FeastSync:
    """Sends every feature view, on-demand view and feature service of the Feast repository at
    ``repo_path`` (where its feature_store.yaml is) to provgraph, through
    ``FeastOpenLineageEmitter.emit_registry_lineage``, then tags each feature view in the
    registry with ``provgraph.origin`` (REAL, SYNTHETIC, MIXED or UNKNOWN, DOMAIN.md 9.2),
    ``provgraph.synthetic_ratio`` where provgraph knows it, and ``provgraph.url`` (its lineage
    picture). Repeatable: each sync sends the registry as it is then (Feast starts new runs of
    the same jobs) and rewrites the tags; the assets and their lineage stay one each.

    Raises the first refused event's ProvgraphError; Feast's emitter would only log it.
    """
    from feast import FeatureStore
    from feast.openlineage import FeastOpenLineageEmitter, OpenLineageConfig
    from feast.openlineage.client import FeastOpenLineageClient

    store = FeatureStore(repo_path=str(repo_path))
    config = OpenLineageConfig(enabled=True, transport_type="http", transport_url=client.base_url, api_key=client.api_key)
    transport = _emitter_client(FeastOpenLineageClient, client, _projections(store))(config)
    if not transport.is_enabled:
        raise InternalError("Feast's OpenLineage client is disabled: openlineage-python is needed (pip install 'provgraph[feast]')")
    emitter = FeastOpenLineageEmitter(config, client=transport)
    emitter.emit_registry_lineage(store.registry, store.project, allow_cache=False)
    if transport.errors:
        raise transport.errors[0]
    namespace = str(emitter.namespace_for(store.project))

    written: dict[str, dict[str, str]] = {}
    for view in store.registry.list_all_feature_views(project=store.project, allow_cache=False):
        asset = client.query(_ASSET, namespace=namespace, name=view.name)["dataAsset"]
        if asset is None:
            continue
        origin = asset["origin"]
        tags = {"provgraph.origin": str(origin["origin"]), "provgraph.url": f"{client.base_url}/lineage/{quote(asset['id'], safe='')}.svg"}
        if origin.get("syntheticRatio") is not None:
            tags["provgraph.synthetic_ratio"] = repr(float(origin["syntheticRatio"]))
        else:
            view.tags.pop("provgraph.synthetic_ratio", None)
        view.tags.update(tags)
        store.registry.apply_feature_view(view, store.project, commit=False)
        written[view.name] = tags
    store.registry.commit()
    new = sum(1 for answer in transport.answers if not answer.get("duplicate"))
    return FeastSync(new, len(transport.answers) - new, namespace, written)
