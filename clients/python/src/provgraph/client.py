"""The client: one HTTP session to a provgraph server, GraphQL in, typed results or errors out."""

from __future__ import annotations

import json
import os
import random
import time
from typing import Any, Callable, Iterable, Mapping, TypeVar
from urllib.parse import urlsplit, urlunsplit

import requests

from . import _batches
from ._wire import json_default
from ._generated import INPUT_FIELDS, Operations
from .errors import ProvgraphError, ServiceUnavailableError, error_for

DEFAULT_URL = "http://127.0.0.1:4000/graphql"
_RETRY_STATUSES = {502, 503, 504}
_T = TypeVar("_T")


class Client(Operations):
    """A provgraph server's GraphQL API.

    Args:
        url: the GraphQL endpoint (``http://host:4000/graphql``; a URL without a path gets
            ``/graphql``); default ``PROVGRAPH_URL``, else ``http://127.0.0.1:4000/graphql``.
        api_key: sent as ``Authorization: Bearer <key>``; default ``PROVGRAPH_API_KEY``, else none
            (a server in open development mode needs none).
        timeout: seconds to wait for one HTTP answer.
        max_retries: how often one request is retried after a transport error (connection
            refused or cut, timeout), an HTTP 502/503/504 or SERVICE_UNAVAILABLE. Every provgraph
            write is idempotent, so a retried write that had already committed is ``unchanged``.
            Other errors (CONFLICT, BAD_USER_INPUT, ...) are never retried.
        backoff: the first retry's delay in seconds; each next one doubles, up to ``max_backoff``.
        progress: show a tqdm progress bar for the batch methods: None (default) when stderr is a
            terminal and tqdm is installed, or True / False.
    """

    def __init__(
        self,
        url: str | None = None,
        api_key: str | None = None,
        timeout: float = 60,
        *,
        max_retries: int = 6,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        progress: bool | None = None,
    ) -> None:
        raw = url or os.environ.get("PROVGRAPH_URL") or DEFAULT_URL
        parts = urlsplit(raw)
        self.url = urlunsplit(parts._replace(path="/graphql")) if parts.path in ("", "/") else raw
        self.base_url = urlunsplit(urlsplit(self.url)._replace(path="", query="", fragment=""))
        """The server's root (``http://host:4000``), where its HTTP routes live."""
        self.api_key = api_key if api_key is not None else os.environ.get("PROVGRAPH_API_KEY") or None
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.progress = progress
        self.session = requests.Session()
        """The HTTP session (for proxies, certificates or hooks)."""
        self.retried = 0
        """How many requests this client has retried so far (for logs and metrics)."""

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    @property
    def headers(self) -> dict[str, str]:
        """What every request carries: the content type and, with a key, the Authorization header."""
        headers = {"content-type": "application/json"}
        if self.api_key:
            headers["authorization"] = f"Bearer {self.api_key}"
        return headers

    # ── transport ─────────────────────────────────────────────────────────────────────────
    def query(self, document: str, **variables: Any) -> dict[str, Any]:
        """Runs one GraphQL operation; returns its ``data``, raising the ProvgraphError subclass of
        the first error's ``extensions.code``."""
        return self._data(document, variables)

    def _data(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps({"query": document, "variables": variables}, default=json_default, allow_nan=False).encode()
        return self._post_graphql(body)

    def _post_graphql(self, body: bytes) -> dict[str, Any]:
        return self._retrying(lambda: self._answer(self.session.post(self.url, data=body, headers=self.headers, timeout=self.timeout)))

    def _retrying(self, attempt_once: Callable[[], _T]) -> _T:
        for attempt in range(self.max_retries + 1):
            try:
                return attempt_once()
            except (requests.ConnectionError, requests.Timeout) as error:
                failure: ProvgraphError = ServiceUnavailableError(f"provgraph at {self.base_url} did not answer: {error}")
            except ServiceUnavailableError as error:
                failure = error
            if attempt == self.max_retries:
                raise failure
            self.retried += 1
            self._sleep(attempt)
        raise AssertionError("unreachable")

    def post_lineage(self, event: Mapping[str, Any]) -> dict[str, Any]:
        """Sends one OpenLineage event to ``POST /api/v1/lineage``; returns the server's answer
        (``{"id", "subjectId", "duplicate"}``: ``duplicate`` when it had the event already).
        Retried like every request; a refusal raises its code's ProvgraphError."""
        body = json.dumps(event, default=json_default, allow_nan=False).encode()
        url = f"{self.base_url}/api/v1/lineage"

        def once() -> dict[str, Any]:
            response = self.session.post(url, data=body, headers=self.headers, timeout=self.timeout)
            request_id = response.headers.get("x-request-id")
            try:
                payload = response.json()
            except ValueError:
                payload = None
            if response.status_code < 300 and isinstance(payload, dict):
                return payload
            if isinstance(payload, dict) and "code" in payload:
                raise error_for(str(payload["code"]), str(payload.get("message", "")), request_id=request_id)
            message = f"HTTP {response.status_code} from {url}: {response.text[:200]!r}"
            if response.status_code in _RETRY_STATUSES:
                raise ServiceUnavailableError(message, request_id=request_id)
            raise error_for(None, message, request_id=request_id)

        return self._retrying(once)

    def _sleep(self, attempt: int) -> None:
        delay = min(self.backoff * 2**attempt, self.max_backoff)
        time.sleep(delay * (1 + random.random() / 10))

    @staticmethod
    def _answer(response: requests.Response) -> dict[str, Any]:
        request_id = response.headers.get("x-request-id")
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if not isinstance(payload, dict) or ("data" not in payload and "errors" not in payload):
            cls = ServiceUnavailableError if response.status_code in _RETRY_STATUSES else None
            message = f"HTTP {response.status_code} from {response.url}: {response.text[:200]!r}"
            raise (cls(message, request_id=request_id) if cls else error_for(None, message, request_id=request_id))
        errors = payload.get("errors") or []
        if errors:
            first = errors[0]
            code = (first.get("extensions") or {}).get("code")
            raise error_for(code, str(first.get("message", "")), request_id=request_id, errors=errors)
        data = payload.get("data")
        return data if isinstance(data, dict) else {}

    # ── the batch writes ──────────────────────────────────────────────────────────────────
    def ingest_samples(self, samples: Iterable[Mapping[str, Any]] | Any, *, batch_size: int = _batches.BATCH) -> _batches.BatchSummary:
        """Ingests samples in batches of ``batch_size`` (at most 10,000), each all-or-nothing
        and idempotent. ``samples``: an iterable of dicts, a pandas DataFrame (columns = the
        SampleInput fields, NaN = absent) or a ``datasets.Dataset``; field names as GraphQL
        spells them (``generationRunId``) or in snake_case (``generation_run_id``).

        Returns the summed ``created``, ``unchanged`` and ``violations`` of every batch. A
        refused batch raises its error with ``batch`` and ``item`` set; the batches before it
        stay written (each is its own transaction), and sending the same input again resumes.
        """
        return _batches.run(
            self,
            "mutation($s: [SampleInput!]!) { ingestSamples(samples: $s) { created unchanged violations } }",
            "ingestSamples",
            _batches.records(samples, INPUT_FIELDS["SampleInput"], batch_size),
            lambda rows: {"s": rows},
            "sample",
        )

    def record_labels(self, labels: Iterable[Mapping[str, Any]] | Any, *, batch_size: int = _batches.BATCH) -> _batches.BatchSummary:
        """Records labels (LabelInput fields) in batches, as ``ingest_samples`` does samples."""
        return _batches.run(
            self,
            "mutation($l: [LabelInput!]!) { recordLabels(labels: $l) { created unchanged violations } }",
            "recordLabels",
            _batches.records(labels, INPUT_FIELDS["LabelInput"], batch_size),
            lambda rows: {"l": rows},
            "label",
        )

    def add_samples_to_version(self, version_id: str, sample_ids: Iterable[str], *, batch_size: int = _batches.BATCH) -> _batches.BatchSummary:
        """Adds samples (ids: any iterable, a pandas Series, a Dataset column) to an unsealed
        dataset version in batches; SEALED once the version is sealed."""
        return _batches.run(
            self,
            "mutation($v: ID!, $ids: [ID!]!) { addSamplesToVersion(datasetVersionId: $v, sampleIds: $ids) { created unchanged violations } }",
            "addSamplesToVersion",
            _batches.ids(sample_ids, batch_size),
            lambda ids: {"v": version_id, "ids": ids},
            "sample",
        )
