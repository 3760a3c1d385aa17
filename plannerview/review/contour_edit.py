"""Qt-free contour editing on a copy of a mask: brush, eraser, polygon or freehand fill, delete a
slice's contour, interpolation between slices, undo and redo.

The GUI (slice views) turns mouse strokes into these calls; saving traces the mask into contours
and writes a new structure set (the source is never changed). Positions are in patient mm on the
image's axial slices (x, y); slices are index ``k`` of the grid.

:func:`save_edited_structure_set` writes the edits through the one RTSTRUCT save path
(:mod:`plannerview.review.structure_save`, shared with ``contour``, ``margin`` and ``roi-op``): a
new RTSTRUCT (new SOP Instance and Series UIDs, never overwriting a file) holding every ROI of the
source structure set unchanged plus one new ROI per edited mask, holes written as ``xor`` or
``keyhole``. An edited existing ROI is saved *next to* its original as
``"<name> (edited)"`` (so the original contours stay available for comparison); a new ROI keeps
its name. Each new ROI records its provenance (engine ``plannerview manual edit``, version, the
tools used, time, user) in ROIDescription.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy import ndimage

from ..compute.masks import even_odd_fill
from ..model.case import Case
from ..model.geometry import Grid
from ..model.image import ImageVolume
from ..model.provenance import Provenance, current_user
from ..model.structures import StructureSet, unique_roi_name
from ..version import __version__
from .structure_save import NewRoiMask, SavedRoi, SavedStructureSet, save_new_structure_set

__all__ = ["EDITED_SUFFIX", "ENGINE", "EditedRoi", "MaskEditor", "SavedRoi", "SavedStructureSet", "add_structure_set",
           "edited_roi_name", "save_edited_structure_set"]

ENGINE = "plannerview manual edit"
EDITED_SUFFIX = " (edited)"


class MaskEditor:
    """Edits on a private copy of ``mask`` (bool [k, j, i] on ``grid``), with undo/redo."""

    def __init__(self, mask: np.ndarray, grid: Grid, max_undo: int = 100) -> None:
        if mask.shape != grid.shape_zyx:
            raise ValueError(f"mask shape {mask.shape} differs from the grid {grid.shape_zyx}")
        if not grid.is_axis_aligned:
            raise ValueError("contour editing needs an axial grid")
        self.grid = grid
        self._source = np.array(mask, dtype=bool, copy=True)
        self._mask = self._source.copy()
        self._undo: list[tuple[str, slice, np.ndarray]] = []
        self._redo: list[tuple[str, slice, np.ndarray]] = []
        self._max_undo = max_undo
        self.edits = 0
        self._applied: list[str] = []  # names of the edits in effect, oldest first (for provenance)
        zc, yc, xc = grid.axis_coords_mm()
        self._xc, self._yc = xc, yc
        self._x, self._y = np.meshgrid(xc, yc)  # (ny, nx) patient x, y of each voxel centre

    @property
    def mask(self) -> np.ndarray:
        """A read-only view of the edited mask."""
        view = self._mask.view()
        view.flags.writeable = False
        return view

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def modified(self) -> bool:
        """True when the mask differs from the one the editor started from."""
        return not np.array_equal(self._mask, self._source)

    @property
    def operations(self) -> dict[str, int]:
        """How many edits of each kind (brush, eraser, polygon, ...) are in effect (undo removes them)."""
        return dict(Counter(self._applied))

    def drawn_slices(self) -> np.ndarray:
        """Indices ``k`` of the slices that hold any voxel of the mask."""
        return np.nonzero(self._mask.reshape(self._mask.shape[0], -1).any(axis=1))[0]

    def changed_slices(self) -> np.ndarray:
        """Indices ``k`` of the slices that differ from the source mask."""
        diff = self._mask != self._source
        return np.nonzero(diff.reshape(diff.shape[0], -1).any(axis=1))[0]

    def interpolation_pair(self, k: int) -> tuple[int, int] | None:
        """The two drawn slices to interpolate between for slice ``k``, or None.

        An empty slice ``k``: the nearest drawn slices below and above it. A drawn slice ``k``: the
        gap next to it (below first) up to the nearest drawn slice with empty slices in between.
        """
        drawn = self.drawn_slices()
        if len(drawn) < 2:
            return None
        below, above = drawn[drawn < k], drawn[drawn > k]
        if not self._mask[k].any():
            return (int(below[-1]), int(above[0])) if len(below) and len(above) else None
        if len(below) and k - below[-1] >= 2:
            return int(below[-1]), int(k)
        if len(above) and above[0] - k >= 2:
            return int(k), int(above[0])
        return None

    # --- edits ---------------------------------------------------------------------------------
    def brush(self, k: int, centre_xy_mm: tuple[float, float], radius_mm: float, erase: bool = False) -> None:
        """Paint (or erase) the voxel centres within ``radius_mm`` of a point on slice ``k``."""
        disk = (self._x - centre_xy_mm[0]) ** 2 + (self._y - centre_xy_mm[1]) ** 2 <= radius_mm ** 2
        self._apply(k, disk, erase, "eraser" if erase else "brush")

    def stroke(self, k: int, points_xy_mm: Sequence[tuple[float, float]], radius_mm: float,
               erase: bool = False) -> None:
        """A brush stroke: every voxel centre within ``radius_mm`` of the polyline (one undo step)."""
        pts = np.asarray(points_xy_mm, dtype=float).reshape(-1, 2)
        hit = np.zeros(self._x.shape, dtype=bool)
        segs = zip(pts, pts[1:], strict=False) if len(pts) > 1 else [(pts[0], pts[0])]
        for a, b in segs:
            d = b - a
            L2 = float(d @ d)
            t = np.zeros_like(self._x) if L2 == 0 else np.clip(((self._x - a[0]) * d[0] + (self._y - a[1]) * d[1]) / L2, 0, 1)
            hit |= (self._x - a[0] - t * d[0]) ** 2 + (self._y - a[1] - t * d[1]) ** 2 <= radius_mm ** 2
        self._apply(k, hit, erase, "eraser" if erase else "brush")

    def polygon(self, k: int, polygon_xy_mm: np.ndarray, erase: bool = False, kind: str = "polygon") -> None:
        """Fill (or cut) a closed polygon or freehand outline on slice ``k`` (voxel-centre inclusion).

        ``kind`` only names the edit for provenance ("polygon" or "freehand")."""
        poly = np.asarray(polygon_xy_mm, dtype=float).reshape(-1, 2)
        if len(poly) < 3:
            raise ValueError("a polygon needs at least three points")
        self._apply(k, self._fill(poly), erase, kind + (" cut" if erase else ""))

    def delete_slice(self, k: int) -> None:
        """Delete the contour(s) on slice ``k``."""
        self._apply(k, np.ones(self._x.shape, dtype=bool), True, "delete slice")

    def interpolate(self, k0: int, k1: int) -> None:
        """Fill the slices strictly between ``k0`` and ``k1`` by linear interpolation of the two
        slices' signed distance maps (in mm), so shapes morph instead of being copied."""
        lo, hi = sorted((int(k0), int(k1)))
        if hi - lo < 2:
            return
        a, b = self._mask[lo], self._mask[hi]
        if not a.any() or not b.any():
            raise ValueError(f"interpolation needs contours on both slices {lo} and {hi}")
        sa, sb = self._signed_distance(a), self._signed_distance(b)
        self._push(slice(lo + 1, hi), "interpolate")
        for k in range(lo + 1, hi):
            t = (k - lo) / (hi - lo)
            self._mask[k] = (1 - t) * sa + t * sb < 0
        self._redo.clear()
        self.edits += 1

    # --- undo / redo ---------------------------------------------------------------------------
    def undo(self) -> None:
        if not self._undo:
            return
        name, sl, before = self._undo.pop()
        self._redo.append((name, sl, self._mask[sl].copy()))
        self._mask[sl] = before
        self.edits -= 1
        if self._applied:
            self._applied.pop()

    def redo(self) -> None:
        if not self._redo:
            return
        name, sl, after = self._redo.pop()
        self._undo.append((name, sl, self._mask[sl].copy()))
        self._mask[sl] = after
        self.edits += 1
        self._applied.append(name)

    # --- internals -----------------------------------------------------------------------------
    def _apply(self, k: int, region: np.ndarray, erase: bool, name: str) -> None:
        if not 0 <= k < self.grid.shape_zyx[0]:
            raise IndexError(f"slice {k} is outside the image (0-{self.grid.shape_zyx[0] - 1})")
        self._push(slice(k, k + 1), name)
        if erase:
            self._mask[k] &= ~region
        else:
            self._mask[k] |= region
        self._redo.clear()
        self.edits += 1

    def _fill(self, poly: np.ndarray) -> np.ndarray:
        """Even-odd fill on the voxel centres, whichever way the x and y axes run (FFS, prone)."""
        xc, yc = self._xc, self._yc
        fx, fy = len(xc) > 1 and xc[-1] < xc[0], len(yc) > 1 and yc[-1] < yc[0]
        xs, ys = (xc[::-1] if fx else xc), (yc[::-1] if fy else yc)
        sx = float(xs[1] - xs[0]) if len(xs) > 1 else 1.0
        sy = float(ys[1] - ys[0]) if len(ys) > 1 else 1.0
        m = even_odd_fill([poly], float(xs[0]), float(ys[0]), len(xs), len(ys), sx, sy)
        return m[::-1 if fy else 1, ::-1 if fx else 1]

    def _push(self, sl: slice, name: str) -> None:
        self._undo.append((name, sl, self._mask[sl].copy()))
        self._applied.append(name)
        if len(self._undo) > self._max_undo:
            self._undo.pop(0)

    def _signed_distance(self, m: np.ndarray) -> np.ndarray:
        sampling = self.grid.spacing_mm[1:]
        return ndimage.distance_transform_edt(~m, sampling=sampling) - ndimage.distance_transform_edt(m, sampling=sampling)


# --- saving -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EditedRoi:
    """One edited mask to save: its ROI name in the new set and where it came from.

    ``source_roi`` is the name of the existing ROI the edit started from (None for a new ROI);
    ``operations`` counts the edits by kind (see :attr:`MaskEditor.operations`).
    """

    name: str
    mask: np.ndarray
    source_roi: str | None = None
    operations: Mapping[str, int] = field(default_factory=dict)
    interpreted_type: str = ""
    color_rgb: tuple[int, int, int] = (255, 128, 0)
    parameters: Mapping[str, Any] = field(default_factory=dict)


def edited_roi_name(source_name: str, taken: Sequence[str]) -> str:
    """``"<name> (edited)"``, numbered when that name exists already (names stay unique)."""
    return unique_roi_name(source_name + EDITED_SUFFIX, taken, sep=" ", first=2)


def save_edited_structure_set(image: ImageVolume, structure_set: StructureSet | None,
                              edited: Sequence[EditedRoi], path: str | Path, *, user: str | None = None,
                              label: str = "manual edit", holes: str = "xor",
                              overwrite: bool = False) -> SavedStructureSet:
    """Write a new RTSTRUCT at ``path``: the source's ROIs unchanged plus one new ROI per edited mask,
    through the one save path (:func:`plannerview.review.structure_save.save_new_structure_set`).

    Masks are bool [k, j, i] on ``image.grid`` (axial). Edited existing ROIs get the name
    ``"<name> (edited)"``; new ROIs keep their name (numbered ``name_1``... on a clash). Empty
    masks are skipped (listed in ``skipped_empty``); nothing to save raises ValueError. ``holes``
    is ``"xor"`` or ``"keyhole"`` (see :mod:`plannerview.compute.mask_to_contours`). The source
    file is only read; ``path`` must not exist unless ``overwrite`` (FileExistsError), and is never
    one of the session's inputs (see :mod:`plannerview.io.safe_write`).
    """
    grid = image.grid
    if not grid.is_axis_aligned:
        raise ValueError("contour editing needs an axial image")
    who = user or current_user()
    inputs = (structure_set.sop_uid if structure_set is not None else "", image.series_uid)
    new: list[NewRoiMask] = []
    for e in edited:
        mask = np.asarray(e.mask, dtype=bool)
        if mask.shape != grid.shape_zyx:
            raise ValueError(f"mask of {e.name!r} has shape {mask.shape}, the image grid {grid.shape_zyx}")
        drawn = np.nonzero(mask.reshape(mask.shape[0], -1).any(axis=1))[0]
        params: dict[str, Any] = {
            "source_roi": e.source_roi,
            "operations": dict(e.operations),
            "slices": f"{int(drawn[0])}-{int(drawn[-1])}" if len(drawn) else "",
            "method": "voxel-centre masks on the image grid, traced by marching squares",
            **dict(e.parameters),
        }
        p = Provenance(engine=ENGINE, version=__version__, parameters=params, user=who, inputs=inputs)
        desc = f"manual edit of {e.source_roi}" if e.source_roi else "drawn manually"
        if e.source_roi is not None:
            new.append(NewRoiMask(e.source_roi + EDITED_SUFFIX, mask, p, e.interpreted_type, e.color_rgb, "MANUAL",
                                  desc, source_roi=e.source_roi, name_sep=" ", name_first=2))
        else:
            new.append(NewRoiMask(e.name.strip() or "Edited", mask, p, e.interpreted_type, e.color_rgb, "MANUAL",
                                  desc))
    return save_new_structure_set(path, image, structure_set, new, label=label, holes=holes, skip_empty=True,
                                  overwrite=overwrite)


def add_structure_set(case: Case, path: str | Path) -> tuple[Case, StructureSet]:
    """Read a written structure set and return the case with it added (the case is immutable).

    Findings of reading the lone file (e.g. "referenced images not in the input") are not added:
    its images are the case's own."""
    from ..io.loader import load

    loaded = load([str(path)])
    if not loaded.structure_sets:
        raise ValueError(f"no structure set could be read from {path}")
    ss = loaded.structure_sets[0]
    new = replace(case, structure_sets=(*case.structure_sets, ss), sources=(*case.sources, str(path)))
    return new, ss
