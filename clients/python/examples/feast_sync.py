"""Send a Feast repository's definitions to provgraph and tag each feature view with its origin.

    python feast_sync.py path/to/feature_repo

Prints the tags written on each feature view.
"""

import sys

import provgraph.feast
from provgraph import Client

repo = sys.argv[1] if len(sys.argv) > 1 else "feature_repo"
result = provgraph.feast.sync(Client(), repo)
print(f"{result.events} new OpenLineage events in namespace {result.namespace}")
for view, tags in sorted(result.tags.items()):
    print(f"{view}: {tags['provgraph.origin']}")
