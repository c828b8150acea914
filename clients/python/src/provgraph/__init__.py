"""provgraph's Python client: provenance and governance metadata for ML data whose origin matters.

    from provgraph import Client
    client = Client()  # PROVGRAPH_URL, PROVGRAPH_API_KEY
    client.ingest_samples(frame)
    client.readiness("demo:classifier:v1").ready

Integrations: ``provgraph.mlflow``, ``provgraph.gx``, ``provgraph.feast`` (each imports its tool
only when used; install the extra of the same name).
"""

from ._batches import BatchSummary
from ._generated import *  # noqa: F403  (the schema's enums, result and input types)
from . import _generated
from .client import Client
from .errors import (
    AuthError,
    BadInputError,
    ConflictError,
    InternalError,
    LineageCycleError,
    NotFoundError,
    PolicyViolationError,
    ProvgraphError,
    QueryTooComplexError,
    SealedError,
    ServiceUnavailableError,
)

__version__ = "0.1.0"

__all__ = [
    "AuthError",
    "BadInputError",
    "BatchSummary",
    "Client",
    "ConflictError",
    "InternalError",
    "LineageCycleError",
    "NotFoundError",
    "PolicyViolationError",
    "ProvgraphError",
    "QueryTooComplexError",
    "SealedError",
    "ServiceUnavailableError",
]
__all__ += _generated.__all__
