"""The Python client's ingest for `npm run bench`: the benchmark's sample workload (bench/run.ts
`sample`, ids prefixed "p") as one pandas DataFrame, through Client.ingest_samples (conversion,
batching and HTTP included). Prints one JSON line: {"samples", "seconds", "batches"}.

    python bench/python_client.py N        (PROVGRAPH_URL, PROVGRAPH_API_KEY)
"""

import json
import sys
import time

import numpy as np
import pandas as pd

from provgraph import Client

BATCH = 10_000
RUNS = 10


def workload(n: int) -> pd.DataFrame:
    """80% REAL, 20% SYNTHETIC from 10 runs (run 0 makes half of them), 30% DERIVED_FROM an earlier sample."""
    i = np.arange(n)
    synthetic = i % 5 == 4
    run = np.where(i % 10 == 4, 0, 1 + (i // 10) % (RUNS - 1))
    ids = np.char.add("p", np.char.zfill(i.astype(str), 8))
    derived = [[ids[k - BATCH + 1]] if k % 10 < 3 and k >= BATCH else None for k in range(n)]
    return pd.DataFrame(
        {
            "id": ids,
            "origin": np.where(synthetic, "SYNTHETIC", "REAL"),
            "kind": "RECORD",
            "slice": np.char.add("slice-", (i % 17).astype(str)),
            "contentHash": np.char.add("h", (i % 900_000).astype(str)),
            "generationRunId": pd.Series(np.char.add("run-", run.astype(str))).where(synthetic),
            "derivedFromIds": pd.Series(derived, dtype=object),
        }
    )


if __name__ == "__main__":
    frame = workload(int(sys.argv[1]))
    client = Client(progress=False, timeout=300)
    started = time.perf_counter()
    summary = client.ingest_samples(frame)
    seconds = time.perf_counter() - started
    assert summary.created == len(frame), summary
    print(json.dumps({"samples": len(frame), "seconds": seconds, "batches": summary.batches}))
