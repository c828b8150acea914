"""The errors the client raises: one class per `extensions.code` of the GraphQL contract."""

from __future__ import annotations

from typing import Any


class ProvgraphError(Exception):
    """An error the server answered with, or a transport failure that outlasted the retries.

    `code` is the server's `extensions.code`; `message` its message, which names the offending
    item; `request_id` the server's `x-request-id` for its logs; `batch` and `item`, for the batch
    methods, the 0-based batch that failed and the first item of it the message names (or None).
    """

    code = "INTERNAL_SERVER_ERROR"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        request_id: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        batch: int | None = None,
        item: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.request_id = request_id
        self.errors = errors or []
        self.batch = batch
        self.item = item

    def __str__(self) -> str:
        where = ""
        if self.batch is not None:
            where = f" (batch {self.batch}" + (f", item {self.item}" if self.item is not None else "") + ")"
        request = f" [request {self.request_id}]" if self.request_id else ""
        return f"{self.code}: {self.message}{where}{request}"


class BadInputError(ProvgraphError):
    """Malformed or incomplete input: an unknown reference, a batch over 10,000, ..."""

    code = "BAD_USER_INPUT"


class NotFoundError(ProvgraphError):
    """A computed query's argument names nothing."""

    code = "NOT_FOUND"


class ConflictError(ProvgraphError):
    """The id exists with different content, or names an entity of another type."""

    code = "CONFLICT"


class SealedError(ProvgraphError):
    """The dataset version is sealed; its membership is frozen."""

    code = "SEALED"


class LineageCycleError(ProvgraphError):
    """The write would close a DERIVED_FROM cycle."""

    code = "LINEAGE_CYCLE"


class PolicyViolationError(ProvgraphError):
    """A STRICT dataset refused a sample that its purpose does not allow."""

    code = "POLICY_VIOLATION"


class AuthError(ProvgraphError):
    """No or unknown API key (UNAUTHENTICATED), or the key's role may not do this (FORBIDDEN)."""

    code = "UNAUTHENTICATED"


class QueryTooComplexError(ProvgraphError):
    """The operation is over the server's depth, cost, alias or body-size limits."""

    code = "QUERY_TOO_COMPLEX"


class ServiceUnavailableError(ProvgraphError):
    """The database cannot be reached right now, or the server could not be reached at all,
    after every retry."""

    code = "SERVICE_UNAVAILABLE"


class InternalError(ProvgraphError):
    """The server failed in a way it does not explain (INTERNAL_SERVER_ERROR), or answered
    something that is not GraphQL."""

    code = "INTERNAL_SERVER_ERROR"


_BY_CODE: dict[str, type[ProvgraphError]] = {
    cls.code: cls
    for cls in (BadInputError, NotFoundError, ConflictError, SealedError, LineageCycleError, PolicyViolationError, QueryTooComplexError, ServiceUnavailableError, InternalError)
}
_BY_CODE["UNAUTHENTICATED"] = AuthError
_BY_CODE["FORBIDDEN"] = AuthError
# Apollo's own codes for documents the schema refuses are bad input too.
_BY_CODE["GRAPHQL_VALIDATION_FAILED"] = BadInputError
_BY_CODE["GRAPHQL_PARSE_FAILED"] = BadInputError


def error_for(code: str | None, message: str, **details: Any) -> ProvgraphError:
    """The error of `code`'s class; an unknown code is an InternalError keeping that code."""
    cls = _BY_CODE.get(code or "", InternalError)
    return cls(message, code=code or InternalError.code, **details)
