"""Paths built in one block (``ui.qpaths``) equal the ones built point by point."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QPainterPath, QPolygonF

from plannerview.ui.qpaths import polygons_path, segments_path

pytestmark = pytest.mark.gui


def test_polygons_and_segments_equal_point_by_point_paths() -> None:
    rng = np.random.default_rng(2)
    polys = [rng.uniform(-50, 50, (n, 2)) for n in (3, 17, 150)]
    ref = QPainterPath()
    ref.setFillRule(Qt.FillRule.OddEvenFill)
    for xy in polys:
        ref.addPolygon(QPolygonF([QPointF(float(x), float(y)) for x, y in xy]))
        ref.closeSubpath()
    got = polygons_path(polys)
    assert got == ref and got.fillRule() == Qt.FillRule.OddEvenFill and got.elementCount() == 3 + 17 + 150 + 3
    segs = rng.uniform(0, 10, (40, 2, 2))
    ref2 = QPainterPath()
    for (ax, ay), (bx, by) in segs:
        ref2.moveTo(ax, ay)
        ref2.lineTo(bx, by)
    assert segments_path(segs) == ref2
    first = QLineF(segs[0, 0, 0], segs[0, 0, 1], segs[0, 1, 0], segs[0, 1, 1])
    e0, e1 = segments_path(segs).elementAt(0), segments_path(segs).elementAt(1)
    assert (e0.x, e0.y, e1.x, e1.y) == (first.x1(), first.y1(), first.x2(), first.y2())
    assert polygons_path([]).isEmpty() and segments_path(np.zeros((0, 2, 2))).isEmpty()
