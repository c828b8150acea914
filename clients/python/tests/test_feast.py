"""provgraph.feast.sync on a `feast init` repository: definitions in through Feast's own
OpenLineage emitter, origin tags back in the registry, read through FeatureStore."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import provgraph.feast
from conftest import run_example
from provgraph import Client

DECLARE = "mutation($ns: String!, $name: String!) { declareAssetOrigin(input: {asset: {namespace: $ns, name: $name}, origin: SYNTHETIC, note: \"simulated trips\"}) { id } }"
SERVICE = "query($ns: String!, $name: String!) { dataAsset(namespace: $ns, name: $name) { kind featureComposition { total synthetic unknown } } }"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory, client: Client) -> Path:
    root = tmp_path_factory.mktemp("feast")
    project = f"pg_{uuid.uuid4().hex[:8]}"  # assets live in the namespace Feast names after the project
    feast = str(Path(sys.executable).with_name("feast"))
    subprocess.run([feast, "init", project], cwd=root, check=True, capture_output=True, timeout=600)
    subprocess.run([feast, "apply"], cwd=root / project / "feature_repo", check=True, capture_output=True, timeout=600)
    return root / project / "feature_repo"


def tags(repo: Path, view: str) -> dict[str, str]:
    from feast import FeatureStore

    return {k: v for k, v in FeatureStore(repo_path=str(repo)).get_feature_view(view).tags.items() if k.startswith("provgraph.")}


def test_sync_tags_the_feature_views(client: Client, repo: Path) -> None:
    first = provgraph.feast.sync(client, repo)
    # emit_registry_lineage on the template: one event per view (driver_hourly_stats, its _fresh
    # twin, the driver_quality_labels label view, two on-demand views) and per service (3): 8.
    assert first.events == 8 and first.duplicates == 0
    namespace = first.namespace
    assert namespace == repo.parent.name
    # Nothing is known of driver_hourly_stats_source: every view upstream of it is UNKNOWN.
    assert tags(repo, "driver_hourly_stats") == {
        "provgraph.origin": "UNKNOWN",
        "provgraph.url": f"{client.base_url}/lineage/asset%3A{namespace}%2Fdriver_hourly_stats.svg",
    }
    # driver_activity_v1 keeps conv_rate of driver_hourly_stats and both features of
    # transformed_conv_rate (the projections facet): 1 + 2 = 3 features, all UNKNOWN.
    service = client.query(SERVICE, ns=namespace, name="driver_activity_v1")["dataAsset"]
    assert service == {"kind": "FEATURE_SERVICE", "featureComposition": {"total": 3, "synthetic": 0, "unknown": 3}}

    # The source declared SYNTHETIC: driver_hourly_stats reads only it (and the driver entity,
    # which is a key, not data): SYNTHETIC. Its _fresh twin also reads a push source nothing is
    # known of: UNKNOWN. transformed_conv_rate reads driver_hourly_stats and a request source: UNKNOWN.
    client.query(DECLARE, ns=namespace, name="driver_hourly_stats_source")
    second = provgraph.feast.sync(client, repo)
    assert second.tags["driver_hourly_stats"]["provgraph.origin"] == "SYNTHETIC"
    assert tags(repo, "driver_hourly_stats")["provgraph.origin"] == "SYNTHETIC"
    assert tags(repo, "driver_hourly_stats_fresh")["provgraph.origin"] == "UNKNOWN"
    assert second.tags["transformed_conv_rate"]["provgraph.origin"] == "UNKNOWN"
    # driver_activity_v1 now: conv_rate SYNTHETIC (1), the two on-demand features UNKNOWN (2).
    assert client.query(SERVICE, ns=namespace, name="driver_activity_v1")["dataAsset"]["featureComposition"] == {"total": 3, "synthetic": 1, "unknown": 2}


def test_the_feast_example(repo: Path) -> None:
    result = run_example("feast_sync.py", str(repo))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "driver_hourly_stats: " in result.stdout
