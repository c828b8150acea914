"""A Feast repository for the lineage tests, and Feast's own OpenLineage emitter run on it.

Usage:
  feast_repo.py init <parent dir> <project> <server url> <api key>
      `feast init <project>`, then adds a feature view over a second (real) source and a
      feature service `driver_mixed` over it and `driver_hourly_stats`, and gives
      feature_store.yaml its `openlineage:` block (http transport, api_key). Prints the
      feature repo's path.
  feast_repo.py emit <feature repo>
      FeastOpenLineageEmitter.emit_registry_lineage on the applied registry. Prints how many
      events were sent and how many succeeded.
"""

import json
import subprocess
import sys
from pathlib import Path

EXTRA = '''
from feast import FeatureService, FeatureView, Field, FileSource
from feast.types import Float32, Int64

driver_real_source = FileSource(
    name="driver_real_source",
    path="data/driver_real.parquet",
    timestamp_field="event_timestamp",
)

driver_real_stats = FeatureView(
    name="driver_real_stats",
    entities=[driver],
    ttl=timedelta(days=7),
    schema=[Field(name="trips_logged", dtype=Int64), Field(name="rating_given", dtype=Float32)],
    online=False,
    source=driver_real_source,
    tags={"team": "ops"},
)

driver_mixed = FeatureService(name="driver_mixed", features=[driver_stats_fv, driver_real_stats])
'''


def init(parent: str, project: str, url: str, key: str) -> None:
    subprocess.run([str(Path(sys.executable).parent / "feast"), "init", project], cwd=parent, check=True, capture_output=True)
    repo = Path(parent) / project / "feature_repo"
    import pandas as pd

    pd.DataFrame(
        {"driver_id": [1001, 1002], "event_timestamp": pd.to_datetime(["2026-11-01", "2026-11-02"], utc=True), "trips_logged": [12, 7], "rating_given": [4.5, 4.9]}
    ).to_parquet(repo / "data" / "driver_real.parquet")
    with open(repo / "feature_definitions.py", "a") as f:
        f.write(EXTRA)
    with open(repo / "feature_store.yaml", "a") as f:
        f.write(f"openlineage:\n  enabled: true\n  transport_type: http\n  transport_url: {url}\n  api_key: {key}\n  namespace: {project}\n")
    print(json.dumps({"repo": str(repo)}))


def emit(repo: str) -> None:
    from feast import FeatureStore
    from feast.openlineage import FeastOpenLineageEmitter

    store = FeatureStore(repo_path=repo)
    emitter = FeastOpenLineageEmitter(store.config.openlineage.to_openlineage_config())
    results = emitter.emit_registry_lineage(store.registry, store.project)
    print(json.dumps({"sent": len(results), "ok": sum(1 for r in results if r)}))


if __name__ == "__main__":
    if sys.argv[1] == "init":
        init(*sys.argv[2:6])
    else:
        emit(sys.argv[2])
