"""A plugin's parameter form: a schema range wider than a spin box holds still opens (the
MCsquare engine's ``primaries`` go up to 10**10), and the limits in a tool tip are written with the
language's decimal separator."""

from __future__ import annotations

import pytest

from plannerview.plugin_api import Param, ParamSchema

pytestmark = pytest.mark.gui


@pytest.fixture
def english_after():  # type: ignore[no-untyped-def]
    yield
    from plannerview.ui.i18n import install_language

    install_language("en")


def test_an_int_range_wider_than_32_bits_is_clipped_not_refused(qtbot) -> None:  # type: ignore[no-untyped-def]
    from plannerview.ui.param_form import ParamForm

    schema = ParamSchema((Param("primaries", "int", 200000, "primaries", "", 4000, 10**10),))
    form = ParamForm(schema)
    qtbot.addWidget(form)
    box = form.editors["primaries"]
    assert (box.minimum(), box.maximum(), box.value()) == (4000, 2**31 - 1, 200000)
    assert form.values() == {"primaries": 200000}


def test_limits_in_the_tooltip_follow_the_language(qtbot, english_after: None) -> None:  # type: ignore[no-untyped-def]
    from plannerview.ui.i18n import install_language
    from plannerview.ui.param_form import ParamForm

    schema = ParamSchema((Param("dose_grid_mm", "float", 2.5, "grid", "mm", 1.5, 10.0),))
    for lang, text in (("en", "grid (1.5 to 10 mm)"), ("fr_FR", "grid (de 1,5 à 10 mm)")):
        install_language(lang)
        form = ParamForm(schema)
        qtbot.addWidget(form)
        assert form.editors["dose_grid_mm"].toolTip() == text
        assert form.editors["dose_grid_mm"].textFromValue(2.5).startswith("2,5" if lang == "fr_FR" else "2.5")
