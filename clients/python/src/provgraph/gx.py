"""Great Expectations: a validation result recorded as provgraph ValidationChecks, one per
expectation, on a generation run, dataset version, model version or data asset (DOMAIN.md 10.5).

    result = batch.validate(suite)                 # GX 1.x
    provgraph.gx.record_validation(client, result, "fraud:gen-run-7")

GX itself need not be installed: a result's JSON (GX 1.x, or 0.18's shape) is enough.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any, Callable, Mapping, Union

from ._generated import CheckKind, ValidationCheck
from .client import Client
from .errors import BadInputError

DISTRIBUTION_EXPECTATIONS = frozenset(
    {
        "expect_column_kl_divergence_to_be_less_than",
        "expect_column_bootstrapped_ks_test_p_value_to_be_greater_than",
        "expect_column_chisquare_test_p_value_to_be_greater_than",
        "expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than",
        "expect_column_pair_cramers_phi_value_to_be_less_than",
        "expect_column_quantile_values_to_be_between",
    }
)
"""Expectations that compare a column's distribution with a reference: DISTRIBUTION_ALIGNMENT checks."""

_THRESHOLD_KWARGS = ("threshold", "max_value", "min_value", "value")

KindRule = Union[str, CheckKind, Mapping[str, Union[str, CheckKind]], Callable[[str], Union[str, CheckKind]]]


def default_kind(expectation_type: str) -> CheckKind | str:
    """DISTRIBUTION_ALIGNMENT for the distribution expectations, else DATA_QUALITY."""
    return CheckKind.DISTRIBUTION_ALIGNMENT if expectation_type in DISTRIBUTION_EXPECTATIONS else CheckKind.DATA_QUALITY


def _as_json(result: Any) -> dict[str, Any]:
    if isinstance(result, (str, bytes)):
        result = json.loads(result)
    if hasattr(result, "to_json_dict"):
        result = result.to_json_dict()
    if not isinstance(result, Mapping) or not isinstance(result.get("results"), list):
        raise BadInputError("a Great Expectations validation result needs a 'results' list (an ExpectationSuiteValidationResult or its JSON)")
    return dict(result)


def _suite_results(result: Any) -> list[dict[str, Any]]:
    """A checkpoint's result holds one suite result per validation; anything else is one."""
    runs = getattr(result, "run_results", None)
    if runs is None and isinstance(result, Mapping) and isinstance(result.get("run_results"), Mapping):
        runs = result["run_results"]
    if isinstance(runs, Mapping):
        return [_as_json(r.get("validation_result", r) if isinstance(r, Mapping) else r) for r in runs.values()]
    return [_as_json(result)]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _kind_of(rule: KindRule | None, expectation_type: str) -> str:
    if rule is None:
        chosen: str | CheckKind = default_kind(expectation_type)
    elif isinstance(rule, (str, CheckKind)):
        chosen = rule
    elif isinstance(rule, Mapping):
        chosen = rule.get(expectation_type) or default_kind(expectation_type)
    else:
        chosen = rule(expectation_type)
    return chosen.value if isinstance(chosen, CheckKind) else str(chosen)


def record_validation(client: Client, result: Any, subject_id: str, kind: KindRule | None = None) -> list[ValidationCheck]:
    """Records each expectation of ``result`` as a ValidationCheck on ``subject_id``.

    ``result``: a GX 1.x ``ExpectationSuiteValidationResult`` or ``CheckpointResult``, or the JSON
    (text or dict) of one, GX 1.x or 0.18 (the expectation type is read from ``type``, else
    ``expectation_type``). Each check: ``metric`` the expectation type with its column
    (``expect_column_mean_to_be_between(amount)``), ``value`` the observed value where it is a
    number (else 0), ``threshold`` the first numeric of the expectation's ``threshold``,
    ``max_value``, ``min_value``, ``value`` (else 0), ``passed`` its success.

    ``kind``: one check kind for all, a mapping from expectation type to kind, or a function of
    the type; by default DISTRIBUTION_ALIGNMENT for ``DISTRIBUTION_EXPECTATIONS``, else
    DATA_QUALITY.

    The check ids derive from the subject and the result's content, so recording the same result
    twice writes nothing the second time. Returns the checks in the result's order.
    """
    checks = []
    for suite in _suite_results(result):
        digest = hashlib.sha256(json.dumps([subject_id, suite], sort_keys=True, default=str).encode()).hexdigest()[:24]
        for index, item in enumerate(suite["results"]):
            config = item.get("expectation_config") or {}
            expectation_type = str(config.get("type") or config.get("expectation_type") or "")
            if not expectation_type:
                raise BadInputError(f"expectation result {index} names no expectation type ('type' or 'expectation_type')")
            kwargs = config.get("kwargs") or {}
            column = kwargs.get("column")
            observed = _number((item.get("result") or {}).get("observed_value"))
            threshold = next((n for n in (_number(kwargs.get(k)) for k in _THRESHOLD_KWARGS) if n is not None), 0.0)
            check_kind = _kind_of(kind, expectation_type)
            checks.append(
                client.record_validation_check(
                    id=f"gx:{digest}:{index}",
                    subject_id=subject_id,
                    kind=check_kind,  # type: ignore[arg-type]
                    metric=f"{expectation_type}({column})" if column else expectation_type,
                    value=observed if observed is not None else 0.0,
                    threshold=threshold,
                    passed=bool(item.get("success")),
                )
            )
    return checks
