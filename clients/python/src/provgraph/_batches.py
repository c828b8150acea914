"""Large writes: records from dicts, DataFrames or Hugging Face datasets, split into batches the
server takes whole, sent one after another (the next batch is encoded while one is in flight)."""

from __future__ import annotations

import json
import math
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence, Sized

from ._wire import camel, json_default
from .errors import BadInputError, ProvgraphError

if TYPE_CHECKING:
    from .client import Client

BATCH = 10_000
"""The server's limit on one batch."""


@dataclass(frozen=True)
class BatchSummary:
    """What a batched write did, summed over its batches."""

    created: int
    unchanged: int
    violations: list[str] = field(default_factory=list)
    """Decision-framework violations the writes recorded (AUDIT datasets), in batch order."""
    batches: int = 0


@dataclass
class Chunks:
    """The batches of one write, and the number of items when it is known beforehand."""

    batches: Iterator[list[Any]]
    total: int | None
    size: int


def _check_size(size: int) -> int:
    if not 1 <= size <= BATCH:
        raise BadInputError(f"batch_size must be between 1 and {BATCH:,}, not {size}")
    return size


def _is_dataframe(source: object) -> bool:
    return hasattr(source, "columns") and hasattr(source, "iloc") and hasattr(source, "isna")


def _is_hf_dataset(source: object) -> bool:
    return hasattr(source, "column_names") and hasattr(source, "num_rows") and hasattr(source, "iter")


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


class _Names:
    """Field names as GraphQL spells them, from either spelling; anything else is refused."""

    def __init__(self, fields: Sequence[str]) -> None:
        self.fields = set(fields)
        self.known: dict[str, str] = {}

    def __call__(self, key: str, index: int | None, size: int) -> str:
        """``index``: the item the key comes from, or None for a column of a table."""
        name = self.known.get(key)
        if name is None:
            name = key if key in self.fields else camel(key)
            if name not in self.fields:
                where = f"item {index}: unknown field" if index is not None else "unknown column"
                raise BadInputError(
                    f"{where} {key!r} (expected one of {', '.join(sorted(self.fields))}, or their snake_case forms)",
                    batch=None if index is None else index // size,
                    item=index,
                )
            self.known[key] = name
        return name


def records(source: Any, fields: Sequence[str], size: int) -> Chunks:
    """Batches of input objects with GraphQL field names and no absent (None / NaN) values."""
    size = _check_size(size)
    names = _Names(fields)
    if _is_dataframe(source):
        return Chunks(_dataframe(source, names, size), len(source), size)
    if _is_hf_dataset(source):
        return Chunks(_hf_dataset(source, names, size), int(source.num_rows), size)
    total = len(source) if isinstance(source, Sized) else None
    return Chunks(_mappings(iter(source), names, size), total, size)


def _dataframe(frame: Any, names: _Names, size: int) -> Iterator[list[dict[str, Any]]]:
    columns = [names(str(c), None, size) for c in frame.columns]
    for start in range(0, len(frame), size):
        chunk = frame.iloc[start : start + size]
        missing = chunk.isna().to_numpy()
        rows = [dict(zip(columns, values)) for values in chunk.itertuples(index=False, name=None)]
        for i in missing.any(axis=1).nonzero()[0]:
            row = rows[i]
            for j in missing[i].nonzero()[0]:
                del row[columns[j]]
        yield rows


def _hf_dataset(dataset: Any, names: _Names, size: int) -> Iterator[list[dict[str, Any]]]:
    columns = [names(str(c), None, size) for c in dataset.column_names]
    for batch in dataset.iter(batch_size=size):
        yield [{k: v for k, v in zip(columns, values) if _present(v)} for values in zip(*batch.values())]


def _mappings(items: Iterator[Any], names: _Names, size: int) -> Iterator[list[dict[str, Any]]]:
    start = 0
    while chunk := list(islice(items, size)):
        rows = []
        for offset, item in enumerate(chunk):
            if not isinstance(item, Mapping):
                raise BadInputError(f"item {start + offset} is a {type(item).__name__}, not a mapping of field names to values", batch=start // size, item=start + offset)
            rows.append({names(str(k), start + offset, size): v for k, v in item.items() if _present(v)})
        yield rows
        start += len(chunk)


def ids(source: Iterable[Any], size: int) -> Chunks:
    """Batches of ids: any iterable of strings (a list, a pandas Series, a Dataset column)."""
    size = _check_size(size)
    values = source.tolist() if hasattr(source, "tolist") else source
    total = len(values) if isinstance(values, Sized) else None

    def batches() -> Iterator[list[str]]:
        items = iter(values)
        start = 0
        while chunk := list(islice(items, size)):
            for offset, value in enumerate(chunk):
                if not isinstance(value, str):
                    raise BadInputError(f"id {start + offset} is a {type(value).__name__}, not a string", batch=start // size, item=start + offset)
            yield chunk
            start += len(chunk)

    return Chunks(batches(), total, size)


def _item_named(chunk: list[Any], message: str) -> int | None:
    """The first item of a refused batch whose id the server's message quotes."""
    for index, item in enumerate(chunk):
        value = item if isinstance(item, str) else item.get("id") if isinstance(item, dict) else None
        if isinstance(value, str) and f"'{value}'" in message:
            return index
    return None


def _progress_bar(client: Client, total: int | None, what: str) -> Any:
    show = client.progress if client.progress is not None else sys.stderr.isatty()
    if not show:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit=what, desc=f"provgraph {what}s")


def _encoded(result: Callable[[], tuple[list[Any], bytes] | None], index: int) -> tuple[list[Any], bytes] | None:
    """A batch as JSON; a value JSON cannot hold (NaN inside an ``attributes`` object, an
    unknown type) refuses the batch before it is sent."""
    try:
        return result()
    except (ValueError, TypeError) as error:
        raise BadInputError(f"batch {index} cannot be sent as JSON: {error}", batch=index) from error


def run(client: Client, document: str, field: str, chunks: Chunks, variables: Callable[[list[Any]], dict[str, Any]], what: str) -> BatchSummary:
    """Sends every batch in order; sums the answers. The next batch is encoded in a worker
    thread while the current one is in flight."""
    def prepare() -> tuple[list[Any], bytes] | None:
        chunk = next(chunks.batches, None)
        if chunk is None:
            return None
        return chunk, json.dumps({"query": document, "variables": variables(chunk)}, default=json_default, allow_nan=False).encode()

    created = unchanged = 0
    violations: list[str] = []
    bar = _progress_bar(client, chunks.total, what)
    index = 0
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="provgraph-encode") as pool:
            pending = pool.submit(prepare)
            while (prepared := _encoded(pending.result, index)) is not None:
                pending = pool.submit(prepare)
                chunk, body = prepared
                try:
                    answer = client._post_graphql(body)[field]
                except ProvgraphError as error:
                    error.batch = index
                    found = _item_named(chunk, error.message)
                    error.item = None if found is None else index * chunks.size + found
                    raise
                created += answer["created"]
                unchanged += answer["unchanged"]
                violations.extend(answer["violations"])
                index += 1
                if bar is not None:
                    bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
    return BatchSummary(created, unchanged, violations, index)
