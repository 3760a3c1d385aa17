"""The public plugin API: parameter schemas, versions, manifests, requests, context."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from plannerview.plugin_api import (
    CONTOUR_ENGINE,
    ContourRequest,
    ContourResult,
    Contribution,
    Manifest,
    Param,
    ParamError,
    ParamSchema,
    PluginContext,
    is_compatible,
)
from plannerview.plugin_api.context import Cancelled

from .phantom import ct, grid

SCHEMA = ParamSchema((
    Param("threshold_hu", "float", -400.0, "lung below this", "HU", -1000.0, 0.0),
    Param("iterations", "int", 3, "", "", 1, 10),
    Param("fill", "bool", True),
    Param("method", "choice", "otsu", choices=("otsu", "fixed")),
))


def test_schema_converts_command_line_text_and_fills_defaults() -> None:
    values = SCHEMA.parse_cli(["threshold_hu=-350", "fill=no", "method=fixed"])
    assert values == {"threshold_hu": -350.0, "iterations": 3, "fill": False, "method": "fixed"}
    assert isinstance(values["threshold_hu"], float)


@pytest.mark.parametrize("item, message", [
    ("threshold_hu=5", "above the maximum 0.0 HU"),
    ("threshold_hu=abc", "not a valid float"),
    ("iterations=2.5", "not a valid int"),
    ("iterations=0", "below the minimum 1"),
    ("method=magic", "not one of otsu, fixed"),
    ("fill=maybe", "not a valid bool"),
    ("nosuch=1", "unknown parameter 'nosuch'"),
    ("threshold_hu", "expected NAME=VALUE"),
])
def test_schema_rejects_bad_values_naming_the_parameter(item: str, message: str) -> None:
    with pytest.raises(ParamError, match=message):
        SCHEMA.parse_cli([item])


def test_schema_json_lists_type_default_range_unit() -> None:
    doc = SCHEMA.to_json()
    assert doc["threshold_hu"] == {"type": "float", "default": -400.0, "description": "lung below this",
                                   "unit": "HU", "minimum": -1000.0, "maximum": 0.0}
    assert doc["method"]["choices"] == ["otsu", "fixed"]


def test_invalid_default_is_refused_when_the_plugin_declares_it() -> None:
    with pytest.raises(ParamError):
        Param("r", "float", 50.0, maximum=10.0)


def test_api_compatibility_rule() -> None:
    assert is_compatible("1.0", "1.0")
    assert is_compatible("1.0", "1.3")  # older minor on a newer host: fine
    assert not is_compatible("1.4", "1.3")  # needs features the host lacks
    assert not is_compatible("2.0", "1.9")  # another major version


def test_manifest_refuses_unknown_kinds_and_duplicates() -> None:
    with pytest.raises(ValueError, match="kind"):
        Contribution("teleporter", "x", object)
    c = Contribution(CONTOUR_ENGINE, "x", object)
    with pytest.raises(ValueError, match="share a kind and name"):
        Manifest("p", "1", (c, c))


def test_requests_are_frozen_and_parameters_read_only() -> None:
    img = ct(np.zeros((2, 4, 4)), grid((2, 4, 4)))
    req = ContourRequest(image=img, parameters={"a": 1})
    with pytest.raises(dataclasses.FrozenInstanceError):
        req.image = img  # type: ignore[misc]
    with pytest.raises(TypeError):
        req.parameters["a"] = 2  # type: ignore[index]
    # a new field with a default does not break a plugin that only knows the old ones
    fields = {f.name for f in dataclasses.fields(ContourRequest)}
    assert {"image", "structure_set", "parameters"} <= fields
    assert all(f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
               for f in dataclasses.fields(ContourRequest) if f.name != "image")


def test_contour_result_mask_is_a_read_only_copy() -> None:
    m = np.zeros((2, 3, 3), dtype=bool)
    r = ContourResult("x", m)
    m[0, 0, 0] = True
    assert not r.mask.any()
    assert not r.mask.flags.writeable
    with pytest.raises(ValueError, match="3-D"):
        ContourResult("flat", np.zeros((3, 3), dtype=bool))


def test_context_progress_cancel_settings_and_proposals() -> None:
    seen: list[tuple[float, str]] = []
    stop = {"now": False}
    ctx = PluginContext("p", settings={"k": 1}, progress=lambda f, m: seen.append((f, m)),
                        cancel=lambda: stop["now"])
    ctx.progress(1.5, "clamped")
    assert seen == [(1.0, "clamped")]
    ctx.check_cancel()
    stop["now"] = True
    with pytest.raises(Cancelled):
        ctx.check_cancel()
    with pytest.raises(TypeError):
        ctx.settings["k"] = 2  # type: ignore[index]
    ctx.add_roi(ContourResult("a", np.ones((1, 1, 1), bool)))
    ctx.add_annotation("note", (1, 2, 3))
    assert [r.name for r in ctx.proposals.rois] == ["a"]
    assert ctx.proposals.annotations[0].position_mm == (1.0, 2.0, 3.0)
    with pytest.raises(TypeError):
        ctx.add_roi("not a result")  # type: ignore[arg-type]
