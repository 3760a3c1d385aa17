"""Margins and Boolean operations on voxel masks, by exact 3-D distances.

A voxel belongs to the expansion of a mask by ``r`` when the distance from its centre to the
centre of some mask voxel is at most ``r`` (a Minkowski sum with a ball, evaluated on the voxel
centres): an exact Euclidean distance transform with the grid's anisotropic spacing, never
repeated one-voxel dilations (which grow cubes or diamonds, not spheres).

Per-direction margins (R, L, A, P, S, I, in patient directions, DICOM LPS: +x = patient left,
+y = posterior, +z = superior) use an ellipsoid whose semi-axis is the margin in that direction
(eight ellipsoid octants when the two sides of an axis differ, as planning systems do). With
equal margins on both sides of each axis this is a distance transform with the spacing scaled
by the semi-axes; otherwise the ellipsoid-octant kernel is applied exactly by FFT convolution.

Contraction is the complement of the expansion of the complement by the mirrored margins
(outside the grid counts as outside the mask). Masks are bool arrays indexed ``[k, j, i]``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import ndimage, signal

from ..model.geometry import Grid

_EPS = 1e-9


@dataclass(frozen=True)
class Margins:
    """Margins in mm towards the patient's Right, Left, Anterior, Posterior, Superior, Inferior."""

    right_mm: float
    left_mm: float
    anterior_mm: float
    posterior_mm: float
    superior_mm: float
    inferior_mm: float

    def __post_init__(self) -> None:
        for v in self.as_tuple():
            if not math.isfinite(v) or v < 0:
                raise ValueError(f"margins must be finite and not negative, got {self.as_tuple()}")

    @classmethod
    def uniform(cls, mm: float) -> Margins:
        return cls(mm, mm, mm, mm, mm, mm)

    @classmethod
    def parse(cls, text: str) -> Margins:
        """``"5"`` (all directions) or ``"R,L,A,P,S,I"`` in mm, e.g. ``"7,7,7,5,7,7"``."""
        parts = [p.strip() for p in str(text).split(",")]
        try:
            values = [float(p) for p in parts]
        except ValueError:
            raise ValueError(f"margin {text!r}: expected a number of mm or six numbers R,L,A,P,S,I") from None
        if len(values) == 1:
            return cls.uniform(values[0])
        if len(values) != 6:
            raise ValueError(f"margin {text!r}: give one value or six (R,L,A,P,S,I), not {len(values)}")
        return cls(*values)

    def as_tuple(self) -> tuple[float, float, float, float, float, float]:
        return (self.right_mm, self.left_mm, self.anterior_mm, self.posterior_mm, self.superior_mm,
                self.inferior_mm)

    @property
    def is_uniform(self) -> bool:
        return len(set(self.as_tuple())) == 1

    @property
    def max_mm(self) -> float:
        return max(self.as_tuple())

    def mirrored(self) -> Margins:
        return Margins(self.left_mm, self.right_mm, self.posterior_mm, self.anterior_mm, self.inferior_mm,
                       self.superior_mm)

    def patient(self, axis: int, sign: int) -> float:
        """Margin towards patient axis ``axis`` (0 x, 1 y, 2 z) in direction ``sign`` (+1 or -1)."""
        # LPS: +x Left, -x Right; +y Posterior, -y Anterior; +z Superior, -z Inferior
        table = {(0, 1): self.left_mm, (0, -1): self.right_mm, (1, 1): self.posterior_mm,
                 (1, -1): self.anterior_mm, (2, 1): self.superior_mm, (2, -1): self.inferior_mm}
        return table[(axis, sign)]

    def on_array_axes(self, grid: Grid) -> tuple[list[float], list[float]]:
        """Margins (minus side, plus side) along the array axes (k, j, i) of ``grid``, in mm.

        Index axes are mapped to patient directions through the grid's direction cosines, so
        feet-first and prone images get the right sides.
        """
        if self.is_uniform:
            return [self.right_mm] * 3, [self.right_mm] * 3
        minus, plus = [0.0] * 3, [0.0] * 3
        for arr_axis, idx_col in ((0, 2), (1, 1), (2, 0)):
            d = np.asarray(grid.direction[:, idx_col], dtype=float)
            p = int(np.argmax(np.abs(d)))
            if abs(d[p]) < 0.999:
                raise ValueError("per-direction margins need a grid whose axes run along the patient axes "
                                 f"(index axis {'ijk'[idx_col]} points along {np.round(d, 3).tolist()})")
            s = 1 if d[p] > 0 else -1
            plus[arr_axis] = self.patient(p, s)
            minus[arr_axis] = self.patient(p, -s)
        return minus, plus


MarginLike = float | int | Margins


def as_margins(m: MarginLike) -> Margins:
    return m if isinstance(m, Margins) else Margins.uniform(float(m))


def expand_mask(mask: np.ndarray, grid: Grid, margin: MarginLike,
                cancel: Callable[[], bool] | None = None) -> np.ndarray:
    """Expansion of ``mask`` by ``margin`` (mm, or :class:`Margins` per direction)."""
    mask = _check(mask, grid)
    minus, plus = as_margins(margin).on_array_axes(grid)
    if not mask.any() or max(minus + plus) == 0:
        return mask.copy()
    spacing = grid.spacing_mm
    lo_pad = [math.floor(m / s + _EPS) for m, s in zip(minus, spacing, strict=True)]
    hi_pad = [math.floor(p / s + _EPS) for p, s in zip(plus, spacing, strict=True)]
    # kernel offsets o = p - q lie in [-minus, +plus], so p lies in [bbox_lo - minus, bbox_hi + plus]
    crop, where = _padded_crop(mask, lo_pad, hi_pad)
    grown = _dilate(crop, spacing, minus, plus)
    out = np.zeros_like(mask)
    _paste(out, grown, where)
    return out


def contract_mask(mask: np.ndarray, grid: Grid, margin: MarginLike) -> np.ndarray:
    """Contraction of ``mask`` by ``margin``: voxels whose whole margin ellipsoid lies in the mask."""
    mask = _check(mask, grid)
    m = as_margins(margin)
    minus, plus = m.mirrored().on_array_axes(grid)
    if not mask.any() or max(minus + plus) == 0:
        return mask.copy()
    spacing = grid.spacing_mm
    # background within reach of the mask's voxels: pad the bounding box by the margins
    lo_pad = [math.floor(p / s + _EPS) + 1 for p, s in zip(plus, spacing, strict=True)]
    hi_pad = [math.floor(mi / s + _EPS) + 1 for mi, s in zip(minus, spacing, strict=True)]
    crop, where = _padded_crop(mask, lo_pad, hi_pad)
    shrunk = crop & ~_dilate(~crop, spacing, minus, plus)
    out = np.zeros_like(mask)
    _paste(out, shrunk, where)
    return out


def margin_mask(mask: np.ndarray, grid: Grid, margin_mm: float | Margins) -> np.ndarray:
    """Expansion for a positive uniform margin, contraction for a negative one."""
    if isinstance(margin_mm, Margins):
        return expand_mask(mask, grid, margin_mm)
    if margin_mm >= 0:
        return expand_mask(mask, grid, margin_mm)
    return contract_mask(mask, grid, -margin_mm)


def ring_mask(mask: np.ndarray, grid: Grid, inner_mm: float, outer_mm: float) -> np.ndarray:
    """Shell between the mask grown by ``inner_mm`` and by ``outer_mm`` (negative = contraction).

    ``inner_mm=0`` gives a ring hugging the outside of the structure.
    """
    if outer_mm <= inner_mm:
        raise ValueError(f"ring: outer margin {outer_mm} mm must exceed the inner margin {inner_mm} mm")
    return margin_mask(mask, grid, outer_mm) & ~margin_mask(mask, grid, inner_mm)


BOOLEAN_OPS = ("union", "intersect", "subtract", "xor")


def boolean(op: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``union`` a|b, ``intersect`` a&b, ``subtract`` a&~b, ``xor`` a^b (same grid)."""
    if a.shape != b.shape:
        raise ValueError(f"masks on different grids: {a.shape} vs {b.shape}")
    a, b = a.astype(bool, copy=False), b.astype(bool, copy=False)
    if op == "union":
        return a | b
    if op == "intersect":
        return a & b
    if op == "subtract":
        return a & ~b
    if op == "xor":
        return a ^ b
    raise ValueError(f"unknown Boolean operation {op!r}; use one of {', '.join(BOOLEAN_OPS)}")


def crop_to(mask: np.ndarray, body: np.ndarray) -> np.ndarray:
    """Keep only the part of ``mask`` inside ``body`` (e.g. a PTV cropped to the external)."""
    return boolean("intersect", mask, body)


def mask_volume_cc(mask: np.ndarray, grid: Grid) -> float:
    return float(np.count_nonzero(mask)) * grid.voxel_volume_cc


# --- internals ---------------------------------------------------------------------------------
def _check(mask: np.ndarray, grid: Grid) -> np.ndarray:
    m = np.asarray(mask)
    if m.shape != grid.shape_zyx:
        raise ValueError(f"mask shape {m.shape} differs from the grid {grid.shape_zyx}")
    return m.astype(bool, copy=False)


def _padded_crop(mask: np.ndarray, lo_pad: list[int], hi_pad: list[int]
                 ) -> tuple[np.ndarray, tuple[tuple[int, int], ...]]:
    """The mask's bounding box padded (beyond the array with False); returns it and its extent."""
    idx = [np.nonzero(np.any(mask, axis=tuple(a for a in range(3) if a != ax)))[0] for ax in range(3)]
    where = tuple((int(i[0]) - lo, int(i[-1]) + 1 + hi) for i, lo, hi in zip(idx, lo_pad, hi_pad, strict=True))
    src = tuple(slice(max(0, a), min(n, b)) for (a, b), n in zip(where, mask.shape, strict=True))
    pad = tuple((max(0, -a), max(0, b - n)) for (a, b), n in zip(where, mask.shape, strict=True))
    return np.pad(mask[src], pad), where


def _paste(out: np.ndarray, crop: np.ndarray, where: tuple[tuple[int, int], ...]) -> None:
    dst = tuple(slice(max(0, a), min(n, b)) for (a, b), n in zip(where, out.shape, strict=True))
    src = tuple(slice(max(0, -a), max(0, -a) + (s.stop - s.start)) for (a, _), s in zip(where, dst, strict=True))
    out[dst] = crop[src]


def _dilate(mask: np.ndarray, spacing: tuple[float, float, float], minus: list[float], plus: list[float]
            ) -> np.ndarray:
    """Exact dilation by the ellipsoid (octants) with semi-axes ``minus``/``plus`` per array axis."""
    if minus == plus:
        # symmetric: distance transform with the spacing scaled by the semi-axes
        radii = plus
        if len(set(radii)) == 1:
            dist = ndimage.distance_transform_edt(~mask, sampling=spacing)
            return np.asarray(dist <= radii[0] * (1 + _EPS) + _EPS)
        sampling = [s / r if r > 0 else 1e9 for s, r in zip(spacing, radii, strict=True)]
        dist = ndimage.distance_transform_edt(~mask, sampling=sampling)
        return np.asarray(dist <= 1 + _EPS)
    kernel = _octant_kernel(spacing, minus, plus)
    n_minus = [math.floor(m / s + _EPS) for m, s in zip(minus, spacing, strict=True)]
    full = signal.fftconvolve(mask.astype(np.float32), kernel.astype(np.float32), mode="full")
    sl = tuple(slice(nm, nm + n) for nm, n in zip(n_minus, mask.shape, strict=True))
    return np.asarray(full[sl] > 0.5)


def _octant_kernel(spacing: tuple[float, float, float], minus: list[float], plus: list[float]) -> np.ndarray:
    """Offsets o (array axes) with sum((o*spacing / r(sign o))^2) <= 1; index t = o + n_minus."""
    axes = []
    for s, mi, pl in zip(spacing, minus, plus, strict=True):
        n_lo, n_hi = math.floor(mi / s + _EPS), math.floor(pl / s + _EPS)
        o = np.arange(-n_lo, n_hi + 1, dtype=float)
        r = np.where(o < 0, mi, pl)
        with np.errstate(divide="ignore", invalid="ignore"):
            term = np.where(o == 0, 0.0, (o * s / np.where(r > 0, r, 1.0)) ** 2)
        term = np.where((o != 0) & (r <= 0), np.inf, term)
        axes.append(term)
    total = axes[0][:, None, None] + axes[1][None, :, None] + axes[2][None, None, :]
    return total <= 1 + 1e-9
