"""What goes on the wire: GraphQL's field names and JSON values from Python arguments."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from enum import Enum
from typing import Any, Mapping

_WORD = re.compile(r"_([a-z0-9])")


def camel(name: str) -> str:
    """`generation_run_id` -> `generationRunId`; a GraphQL name is left as it is."""
    return _WORD.sub(lambda m: m.group(1).upper(), name)


def value(v: Any) -> Any:
    """A JSON value for GraphQL: enum members by name, datetimes as ISO 8601 UTC with
    milliseconds, nested mappings with camelCase keys and no null entries."""
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, datetime):
        utc = v.astimezone(timezone.utc) if v.tzinfo else v.replace(tzinfo=timezone.utc)
        return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
    if isinstance(v, Mapping):
        return {camel(str(k)): value(x) for k, x in v.items() if x is not None}
    if isinstance(v, (list, tuple)):
        return [value(x) for x in v]
    return v


def compact(variables: Mapping[str, Any]) -> dict[str, Any]:
    """The variables of one operation: absent (None) arguments left out, so the server's
    defaults apply."""
    return {k: value(v) for k, v in variables.items() if v is not None}


def json_default(v: Any) -> Any:
    """What ``json.dumps`` cannot write itself but a DataFrame row may hold: datetimes and
    pandas timestamps, numpy arrays and scalars."""
    if isinstance(v, datetime):
        return value(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if hasattr(v, "tolist"):
        return v.tolist()
    if hasattr(v, "item"):
        return v.item()
    raise TypeError(f"{type(v).__name__} is not JSON serialisable")
