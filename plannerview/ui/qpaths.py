"""QPainterPath objects built from numpy arrays in one step.

Building a path point by point from Python (a ``QPointF`` per vertex, or a ``QLineF`` per
segment) costs about a microsecond per point, which is most of a slice repaint with twenty ROIs
and six isodose levels. Here the path's elements are written as one block in the documented
``QDataStream`` format of ``QPainterPath`` (element count; per element its type, x and y; the
start of the last subpath; the fill rule) and read back by Qt: the same path (``==``), built in C++.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, Qt
from PySide6.QtGui import QPainterPath

_ELEMENT = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])  # QDataStream: big-endian, double
_MOVE_TO, _LINE_TO = 0, 1


def _from_elements(elements: np.ndarray, last_start: int, fill_rule: Qt.FillRule) -> QPainterPath:
    if not len(elements):
        return QPainterPath()
    blob = (np.array([len(elements)], ">i4").tobytes() + elements.tobytes()
            + np.array([last_start, 0 if fill_rule == Qt.FillRule.OddEvenFill else 1], ">i4").tobytes())
    path = QPainterPath()
    data = QByteArray(blob)  # kept alive while the stream reads it (the stream only points to it)
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    stream >> path
    del stream
    return path


def polygons_path(polygons: Sequence[np.ndarray], fill_rule: Qt.FillRule = Qt.FillRule.OddEvenFill) -> QPainterPath:
    """Closed polygons (each (N, 2) x, y), as ``addPolygon`` + ``closeSubpath`` for each would make them."""
    polys = [np.asarray(p, dtype=np.float64).reshape(-1, 2) for p in polygons if len(p)]
    if not polys:
        path = QPainterPath()
        path.setFillRule(fill_rule)
        return path
    n = sum(len(p) + 1 for p in polys)
    el = np.empty(n, dtype=_ELEMENT)
    el["type"] = _LINE_TO
    k = 0
    last = 0
    for p in polys:
        m = len(p)
        el["type"][k] = _MOVE_TO
        el["x"][k:k + m] = p[:, 0]
        el["y"][k:k + m] = p[:, 1]
        el["x"][k + m] = p[0, 0]  # closeSubpath: a line back to the start
        el["y"][k + m] = p[0, 1]
        last = k
        k += m + 1
    return _from_elements(el, last, fill_rule)


def segments_path(segments: np.ndarray) -> QPainterPath:
    """Separate line segments ((N, 2, 2): each two (x, y) points) as one path (move, line, move, ...)."""
    segs = np.asarray(segments, dtype=np.float64).reshape(-1, 2, 2)
    el = np.empty(2 * len(segs), dtype=_ELEMENT)
    el["type"][0::2] = _MOVE_TO
    el["type"][1::2] = _LINE_TO
    el["x"] = segs[..., 0].ravel()
    el["y"] = segs[..., 1].ravel()
    return _from_elements(el, max(0, 2 * len(segs) - 2), Qt.FillRule.OddEvenFill)
