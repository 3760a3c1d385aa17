"""Axial, sagittal and coronal slices of any volume, in patient coordinates (LPS, mm).

A view shows a plane through a grid. Its screen axes are fixed in patient space (radiological
convention): axial looks from the feet (patient left on screen right, posterior down), coronal
looks from the front (left on the right, inferior down), sagittal looks from the patient's left
(anterior on the left, inferior down). For every grid the index axis closest to each screen axis
is found from the direction cosines, and the slice is transposed and flipped to match, so a HFS,
FFS or prone image all show the patient the same way round; the orientation letters are computed
from the actual direction vectors of the screen axes (so an oblique grid is labelled honestly).

Doses and other volumes are sampled on a slice's pixel centres (trilinear) for display; the
stored arrays are never changed. Axial RTSTRUCT contours are intersected with sagittal and
coronal planes (even-odd intervals per contour plane) to give masks on the slice's pixels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy.ndimage import map_coordinates

from ..model.geometry import Grid

VIEWS = ("axial", "sagittal", "coronal")

# Screen right (u), screen down (v) and the normal (n), as patient LPS unit vectors.
SCREEN_AXES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "axial": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "coronal": ((1.0, 0.0, 0.0), (0.0, 0.0, -1.0), (0.0, 1.0, 0.0)),
    "sagittal": ((0.0, 1.0, 0.0), (0.0, 0.0, -1.0), (1.0, 0.0, 0.0)),
}
# Array axis (k, j, i order) of each grid index axis (i, j, k order).
_ARRAY_AXIS = {0: 2, 1: 1, 2: 0}


@dataclass(frozen=True)
class ViewAxes:
    """How a grid's array maps onto a view's screen axes.

    ``axis_*`` are array axes (0 = k, 1 = j, 2 = i); ``sign_*`` is +1 when the array index
    grows along the screen axis. ``u_dir``/``v_dir``/``n_dir`` are the patient unit vectors the
    screen axes really point along (for labels); ``du_mm``/``dv_mm`` the pixel size on screen.
    """

    view: str
    axis_u: int
    sign_u: int
    axis_v: int
    sign_v: int
    axis_n: int
    sign_n: int
    u_dir: tuple[float, float, float]
    v_dir: tuple[float, float, float]
    n_dir: tuple[float, float, float]
    du_mm: float
    dv_mm: float
    dn_mm: float
    rows: int
    cols: int
    n_slices: int


@dataclass(frozen=True, eq=False)
class SlicePlane:
    """The patient positions of a slice's pixel centres: ``origin + c*col_step + r*row_step``."""

    origin_mm: np.ndarray  # centre of pixel (row 0, col 0)
    col_step_mm: np.ndarray  # patient vector from one column to the next
    row_step_mm: np.ndarray
    rows: int
    cols: int

    def to_patient(self, row: float, col: float) -> np.ndarray:
        return np.asarray(self.origin_mm + col * self.col_step_mm + row * self.row_step_mm)

    def from_patient(self, xyz_mm: Sequence[float] | np.ndarray) -> tuple[float, float, float]:
        """(row, col, distance from the plane in mm) of a patient point."""
        c, r, d = self.patient_to_plane @ (np.asarray(xyz_mm, dtype=float) - self.origin_mm)
        return float(r), float(c), float(d)

    @cached_property
    def patient_to_plane(self) -> np.ndarray:
        """Inverse of [col_step | row_step | normal]: patient offsets from the origin to (col, row,
        distance). Computed once per plane (the crosshair and the ROI layers use it on every repaint)."""
        return np.linalg.inv(np.column_stack([self.col_step_mm, self.row_step_mm, self.normal]))

    @cached_property
    def normal(self) -> np.ndarray:
        n = np.cross(self.col_step_mm, self.row_step_mm)
        return np.asarray(n / np.linalg.norm(n))

    def pixel_centres_mm(self, r0: int = 0, r1: int | None = None, c0: int = 0, c1: int | None = None) -> np.ndarray:
        """Patient coordinates (rows, cols, 3) of the pixel centres in a sub-rectangle."""
        r1 = self.rows if r1 is None else r1
        c1 = self.cols if c1 is None else c1
        rr, cc = np.meshgrid(np.arange(r0, r1), np.arange(c0, c1), indexing="ij")
        return np.asarray(self.origin_mm + cc[..., None] * self.col_step_mm + rr[..., None] * self.row_step_mm)


def view_axes(grid: Grid, view: str) -> ViewAxes:
    """Match the grid's index axes to the view's screen axes (closest direction cosines)."""
    if view not in SCREEN_AXES:
        raise ValueError(f"unknown view {view!r}; one of {', '.join(VIEWS)}")
    screen = np.array(SCREEN_AXES[view])
    d = np.asarray(grid.direction, dtype=float)  # columns: i, j, k directions
    dots = screen @ d  # [screen axis, index axis]
    free = [0, 1, 2]
    chosen: list[tuple[int, int]] = []
    order = sorted(range(3), key=lambda s: -float(np.max(np.abs(dots[s]))))
    picked: dict[int, tuple[int, int]] = {}
    for s in order:
        a = max(free, key=lambda idx: abs(dots[s, idx]))
        free.remove(a)
        picked[s] = (a, 1 if dots[s, a] >= 0 else -1)
    chosen = [picked[0], picked[1], picked[2]]
    spacing_ijk = (grid.spacing_mm[2], grid.spacing_mm[1], grid.spacing_mm[0])
    dirs = [tuple(float(v) for v in sign * d[:, a]) for a, sign in chosen]
    (au, su), (av, sv), (an, sn) = chosen
    shape_ijk = (grid.shape_zyx[2], grid.shape_zyx[1], grid.shape_zyx[0])
    return ViewAxes(
        view=view,
        axis_u=_ARRAY_AXIS[au], sign_u=su,
        axis_v=_ARRAY_AXIS[av], sign_v=sv,
        axis_n=_ARRAY_AXIS[an], sign_n=sn,
        u_dir=dirs[0], v_dir=dirs[1], n_dir=dirs[2],  # type: ignore[arg-type]
        du_mm=float(spacing_ijk[au]), dv_mm=float(spacing_ijk[av]), dn_mm=float(spacing_ijk[an]),
        rows=int(shape_ijk[av]), cols=int(shape_ijk[au]), n_slices=int(shape_ijk[an]),
    )


def slice_array(volume: np.ndarray, ax: ViewAxes, index: int) -> np.ndarray:
    """The 2D slice (rows = screen down, cols = screen right) at array index ``index`` along the normal.

    Returns a view into ``volume`` where possible (no copy, never modified).
    """
    index = int(np.clip(index, 0, volume.shape[ax.axis_n] - 1))
    sl = np.take(volume, index, axis=ax.axis_n)
    rest = [a for a in (0, 1, 2) if a != ax.axis_n]  # remaining array axes, in order
    perm = (rest.index(ax.axis_v), rest.index(ax.axis_u))
    out = np.transpose(sl, perm)
    if ax.sign_v < 0:
        out = out[::-1, :]
    if ax.sign_u < 0:
        out = out[:, ::-1]
    return out


def _grid_index(ax: ViewAxes, row: float, col: float, index: float) -> np.ndarray:
    """Continuous (i, j, k) grid index of a slice pixel (row, col) on slice ``index``."""
    idx = np.zeros(3)
    for array_axis, sign, val, n in (
        (ax.axis_u, ax.sign_u, col, ax.cols),
        (ax.axis_v, ax.sign_v, row, ax.rows),
    ):
        idx[2 - array_axis] = val if sign > 0 else (n - 1) - val
    idx[2 - ax.axis_n] = index
    return idx


def slice_plane(grid: Grid, ax: ViewAxes, index: int) -> SlicePlane:
    """Patient geometry of slice ``index`` of a view."""
    p00 = grid.index_to_patient(_grid_index(ax, 0, 0, index))
    p01 = grid.index_to_patient(_grid_index(ax, 0, 1, index))
    p10 = grid.index_to_patient(_grid_index(ax, 1, 0, index))
    return SlicePlane(origin_mm=p00, col_step_mm=p01 - p00, row_step_mm=p10 - p00, rows=ax.rows, cols=ax.cols)


def slice_index_for_point(grid: Grid, ax: ViewAxes, xyz_mm: Sequence[float] | np.ndarray) -> int:
    """The slice (array index along the normal) nearest to a patient point, clipped to the grid."""
    idx, _inside = grid.nearest_voxel(np.asarray(xyz_mm, dtype=float))
    return int(idx[2 - ax.axis_n])


def voxel_value_at(volume: np.ndarray, grid: Grid, xyz_mm: Sequence[float] | np.ndarray) -> float | None:
    """The value of the voxel containing a patient point; None outside the grid (``Grid.voxel_at``)."""
    ijk = grid.voxel_at(xyz_mm)
    if ijk is None:
        return None
    i, j, k = ijk
    return float(volume[k, j, i])


def sample_on_plane(
    volume: np.ndarray, grid: Grid, plane: SlicePlane, *, order: int = 1, fill: float = np.nan
) -> np.ndarray:
    """Values of ``volume`` (on ``grid``) at the plane's pixel centres, float32 (rows, cols).

    Only the part of the plane whose pixels can fall inside the grid is sampled; pixels outside
    the grid get ``fill`` (NaN: marked, never zero).
    """
    out = np.full((plane.rows, plane.cols), fill, dtype=np.float32)
    box = _plane_box(grid, plane)
    if box is None:
        return out
    r0, r1, c0, c1 = box
    # grid index of the pixel centres: affine in (row, col), built by broadcasting (no N x 3 matmul)
    base = grid.patient_to_index(plane.to_patient(r0, c0))
    dc = grid.patient_to_index(plane.to_patient(r0, c0 + 1)) - base
    dr = grid.patient_to_index(plane.to_patient(r0 + 1, c0)) - base
    if order == 1:
        fast = _aligned_slice(volume, base, dr, dc, r1 - r0, c1 - c0, fill)
        if fast is not None:
            out[r0:r1, c0:c1] = fast
            return out
    rr = np.arange(r1 - r0, dtype=np.float64)[:, None]
    cc = np.arange(c1 - c0, dtype=np.float64)[None, :]
    coords = np.empty((3, (r1 - r0) * (c1 - c0)))
    for row, axis in ((0, 2), (1, 1), (2, 0)):  # coords rows (k, j, i) from index axes (i, j, k)
        coords[row] = (base[axis] + dr[axis] * rr + dc[axis] * cc).ravel()
    outside = grid.outside_kji(coords)
    vals = map_coordinates(volume, coords, order=order, mode="nearest", prefilter=False).astype(np.float32)
    vals[outside] = fill
    out[r0:r1, c0:c1] = vals.reshape(r1 - r0, c1 - c0)
    return out


def _aligned_slice(volume: np.ndarray, base: np.ndarray, dr: np.ndarray, dc: np.ndarray, rows: int, cols: int,
                   fill: float) -> np.ndarray | None:
    """``sample_on_plane``'s values when the plane's rows and columns step along two grid index axes
    by whole voxels from a voxel centre (a dose grid parallel to the view, sampled at its own
    resolution): a linear interpolation between two grid slices along the third axis, by slicing,
    instead of ``map_coordinates`` on every pixel. The same values (trilinear with the same edge
    rule: nearest centre within half a voxel of the grid, ``fill`` beyond). None when not aligned."""
    def unit_axis(d: np.ndarray) -> tuple[int, int] | None:
        nz = np.nonzero(np.abs(d) > 1e-9)[0]
        if len(nz) != 1 or abs(abs(d[nz[0]]) - 1.0) > 1e-9:
            return None
        return int(nz[0]), int(round(d[nz[0]]))

    ar, ac = unit_axis(dr), unit_axis(dc)
    if ar is None or ac is None or ar[0] == ac[0]:
        return None
    (a_r, s_r), (a_c, s_c) = ar, ac
    a_n = 3 - a_r - a_c
    if abs(base[a_r] - round(base[a_r])) > 1e-6 or abs(base[a_c] - round(base[a_c])) > 1e-6:
        return None
    shape_ijk = volume.shape[::-1]  # volume is [k, j, i]; index axes (i, j, k) are 0, 1, 2
    n_n = shape_ijk[a_n]
    c_n = float(base[a_n])
    out = np.full((rows, cols), fill, dtype=np.float32)
    if c_n < -0.5 or c_n > n_n - 0.5:
        return out
    c_n = min(max(c_n, 0.0), n_n - 1.0)
    k0 = min(int(np.floor(c_n)), max(n_n - 2, 0))
    f = c_n - k0
    k1 = min(k0 + 1, n_n - 1)
    # pixel (r, c) -> index base + r s_r on axis a_r, base + c s_c on axis a_c; keep those on the grid
    rows_on = _on_grid(int(round(base[a_r])), s_r, rows, shape_ijk[a_r])
    cols_on = _on_grid(int(round(base[a_c])), s_c, cols, shape_ijk[a_c])
    if rows_on is None or cols_on is None:
        return out
    (pr0, pr1, src_r), (pc0, pc1, src_c) = rows_on, cols_on
    swap = [a for a in (2, 1, 0) if a != a_n][0] != a_r  # the 2-D slab's first axis is not the rows'

    def plane_of(k: int) -> np.ndarray:
        sl = np.take(volume, k, axis=2 - a_n)  # array axis of index axis a is 2 - a; 2-D remains
        return (sl.T if swap else sl)[src_r, src_c]

    v0 = plane_of(k0)
    if f == 0.0 or k1 == k0:
        out[pr0:pr1, pc0:pc1] = v0
    else:
        out[pr0:pr1, pc0:pc1] = v0.astype(np.float64) * (1.0 - f) + plane_of(k1).astype(np.float64) * f
    return out


def _on_grid(b: int, step: int, n: int, size: int) -> tuple[int, int, slice] | None:
    """Pixels p in [0, n) with index b + p step inside [0, size): (first, end, slice of the indices)."""
    p = np.arange(n)
    idx = b + step * p
    ok = np.nonzero((idx >= 0) & (idx < size))[0]
    if not len(ok):
        return None
    p0, p1 = int(ok[0]), int(ok[-1]) + 1
    i0, i1 = b + step * p0, b + step * (p1 - 1)
    return p0, p1, slice(i0, i1 + step if i1 + step >= 0 else None, step)


def _plane_box(grid: Grid, plane: SlicePlane) -> tuple[int, int, int, int] | None:
    """Rows/cols range of the plane that can see the grid (its corners projected, one pixel margin)."""
    pts = grid.corners_mm(edges=True)
    m = np.column_stack([plane.col_step_mm, plane.row_step_mm, plane.normal])
    crd = np.linalg.solve(m, (pts - plane.origin_mm).T).T  # (c, r, d)
    if crd[:, 2].min() > 1e-6 or crd[:, 2].max() < -1e-6:
        return None
    c0 = int(np.clip(np.floor(crd[:, 0].min()) - 1, 0, plane.cols))
    c1 = int(np.clip(np.ceil(crd[:, 0].max()) + 2, 0, plane.cols))
    r0 = int(np.clip(np.floor(crd[:, 1].min()) - 1, 0, plane.rows))
    r1 = int(np.clip(np.ceil(crd[:, 1].max()) + 2, 0, plane.rows))
    if r1 <= r0 or c1 <= c0:
        return None
    return r0, r1, c0, c1


def orientation_label(vec: Sequence[float] | np.ndarray, threshold: float = 0.25) -> str:
    """Patient-direction letters of a vector (L/R, P/A, S/I), strongest first, e.g. 'L' or 'LP'."""
    v = np.asarray(vec, dtype=float)
    letters = (("L", "R"), ("P", "A"), ("S", "I"))
    order = np.argsort(-np.abs(v))
    out = ""
    for a in order:
        if abs(v[a]) >= threshold or not out:
            out += letters[a][0] if v[a] >= 0 else letters[a][1]
    return out


def edge_labels(ax: ViewAxes) -> dict[str, str]:
    """Letters for the screen edges: 'left', 'right', 'top', 'bottom'."""
    u = np.asarray(ax.u_dir)
    v = np.asarray(ax.v_dir)
    return {"right": orientation_label(u), "left": orientation_label(-u),
            "bottom": orientation_label(v), "top": orientation_label(-v)}


# --- axial contours on any plane -------------------------------------------------------------
def line_intervals(polygons: Sequence[np.ndarray], axis: int, value: float) -> np.ndarray:
    """Even-odd inside intervals of polygons (N x 2, x/y) along the line ``coord[axis] == value``.

    Returns (M, 2) sorted [start, end] intervals of the other coordinate.
    """
    other = 1 - axis
    xs: list[np.ndarray] = []
    for poly in polygons:
        if len(poly) < 3:
            continue
        a = poly[:, axis]
        b = np.roll(a, -1)
        oa = poly[:, other]
        ob = np.roll(oa, -1)
        # half-open rule: an edge counts when value is in [min, max)
        cross = ((a <= value) & (b > value)) | ((b <= value) & (a > value))
        if not np.any(cross):
            continue
        t = (value - a[cross]) / (b[cross] - a[cross])
        xs.append(oa[cross] + t * (ob[cross] - oa[cross]))
    if not xs:
        return np.zeros((0, 2))
    pts = np.sort(np.concatenate(xs))
    if len(pts) % 2:
        pts = pts[:-1]
    return pts.reshape(-1, 2)


def contour_mask_on_plane(
    planes: Mapping[float, Sequence[np.ndarray]], plane: SlicePlane, half_thickness_mm: float
) -> np.ndarray:
    """Pixels of a sagittal or coronal plane inside an ROI given as axial contour planes (z -> polygons).

    Each contour plane stands for the slab ``z +- half_thickness_mm``. For an axial plane the
    nearest contour plane's polygons are filled directly.
    """
    mask = np.zeros((plane.rows, plane.cols), dtype=bool)
    if not planes:
        return mask
    zs = np.array(list(planes))
    polys_list = list(planes.values())
    n = plane.normal
    if abs(n[2]) > 0.99:  # axial plane
        z = float(plane.origin_mm[2])
        i = int(np.argmin(np.abs(zs - z)))
        if abs(zs[i] - z) > half_thickness_mm + 1e-6:
            return mask
        return _fill_axial(polys_list[i], plane)
    # fixed coordinate of the plane (x for sagittal, y for coronal)
    fixed_axis = 0 if abs(n[0]) >= abs(n[1]) else 1
    value = float(plane.origin_mm[fixed_axis])
    along = 1 - fixed_axis
    centres = plane.pixel_centres_mm()
    for r in range(plane.rows):
        zc = centres[r, :, 2]
        z = float(zc.mean())
        if np.ptp(zc) > 1e-6:  # rows not at one z: fall back per pixel (oblique)
            continue
        i = int(np.argmin(np.abs(zs - z)))
        if abs(zs[i] - z) > half_thickness_mm + 1e-6:
            continue
        iv = line_intervals(polys_list[i], fixed_axis, value)
        if not len(iv):
            continue
        coord = centres[r, :, along]
        inside = np.zeros(plane.cols, dtype=bool)
        for a, b in iv:
            inside ^= (coord >= a) & (coord < b)
        mask[r] = inside
    return mask


def _fill_axial(polygons: Sequence[np.ndarray], plane: SlicePlane) -> np.ndarray:
    """Even-odd fill of axial polygons on an axial plane's pixel centres (any in-plane flips)."""
    from .masks import even_odd_fill

    cs = np.asarray(plane.col_step_mm)
    rs = np.asarray(plane.row_step_mm)
    if abs(cs[1]) < 1e-9 and abs(rs[0]) < 1e-9 and abs(cs[0]) > 1e-9 and abs(rs[1]) > 1e-9:
        # columns along x, rows along y (possibly reversed): fill on an ascending lattice, then flip
        x_first = float(plane.origin_mm[0]) if cs[0] > 0 else float(plane.origin_mm[0] + cs[0] * (plane.cols - 1))
        y_first = float(plane.origin_mm[1]) if rs[1] > 0 else float(plane.origin_mm[1] + rs[1] * (plane.rows - 1))
        m = even_odd_fill(list(polygons), x_first, y_first, plane.cols, plane.rows, abs(float(cs[0])), abs(float(rs[1])))
        if cs[0] < 0:
            m = m[:, ::-1]
        if rs[1] < 0:
            m = m[::-1, :]
        return np.ascontiguousarray(m)
    # general in-plane orientation: even-odd ray casting at every pixel centre
    pts = plane.pixel_centres_mm()[..., :2].reshape(-1, 2)
    inside = np.zeros(len(pts), dtype=bool)
    for poly in polygons:
        inside ^= points_in_polygon(pts, poly)
    return inside.reshape(plane.rows, plane.cols)


def points_in_polygon(pts: np.ndarray, poly: np.ndarray) -> np.ndarray:
    """Even-odd (ray casting) inclusion of points (N x 2) in one polygon (M x 2)."""
    x, y = pts[:, 0][:, None], pts[:, 1][:, None]
    xa, ya = poly[:, 0][None, :], poly[:, 1][None, :]
    xb, yb = np.roll(poly[:, 0], -1)[None, :], np.roll(poly[:, 1], -1)[None, :]
    cond = (ya > y) != (yb > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        xi = xa + (y - ya) * (xb - xa) / (yb - ya)
    return np.asarray((np.count_nonzero(cond & (x < xi), axis=1) % 2).astype(bool))


def roi_contains_point(
    planes: Mapping[float, Sequence[np.ndarray]], xyz_mm: Sequence[float] | np.ndarray, half_thickness_mm: float
) -> bool:
    """Whether a patient point lies inside an ROI given as axial contour planes (even-odd rule)."""
    if not planes:
        return False
    zs = np.array(list(planes))
    i = int(np.argmin(np.abs(zs - float(xyz_mm[2]))))
    if abs(zs[i] - float(xyz_mm[2])) > half_thickness_mm + 1e-6:
        return False
    pt = np.array([[float(xyz_mm[0]), float(xyz_mm[1])]])
    inside = False
    for poly in list(planes.values())[i]:
        inside ^= bool(points_in_polygon(pt, np.asarray(poly))[0])
    return inside


def native_plane(grid: Grid, view_plane: SlicePlane) -> tuple[SlicePlane, float, float] | None:
    """A plane lying in ``view_plane`` but with the pixel lattice of ``grid`` (e.g. a dose grid).

    Its axes are the view plane's; its spacing is the grid's along them; it covers the grid's
    extent, and for a grid parallel to the view its pixel centres are the grid's voxel centres
    (no in-plane interpolation: the dose is shown at its own resolution). Returns the plane and the
    offsets (mm) of its pixel (0, 0) centre from the view plane's pixel (0, 0) centre along the
    view's columns and rows; None when the grid does not reach the plane.
    """
    u = view_plane.col_step_mm / np.linalg.norm(view_plane.col_step_mm)
    v = view_plane.row_step_mm / np.linalg.norm(view_plane.row_step_mm)
    n = view_plane.normal
    corners = grid.corners_mm(edges=False)  # the outer voxel centres: the plane's pixels sit on them
    rel = corners - view_plane.origin_mm
    dn = rel @ n
    half_n = 0.5 * float(np.abs(np.asarray(grid.direction).T @ n) @ np.array(grid.spacing_mm[::-1]))
    if dn.min() > half_n + 1e-6 or dn.max() < -half_n - 1e-6:
        return None
    d = np.asarray(grid.direction)
    sp_ijk = np.array(grid.spacing_mm[::-1])
    du = float(np.abs(d.T @ u) @ sp_ijk)
    dv = float(np.abs(d.T @ v) @ sp_ijk)
    cu, cv = rel @ u, rel @ v
    cols = int(round((cu.max() - cu.min()) / du)) + 1
    rows = int(round((cv.max() - cv.min()) / dv)) + 1
    origin = view_plane.origin_mm + cu.min() * u + cv.min() * v
    return SlicePlane(origin, u * du, v * dv, rows, cols), float(cu.min()), float(cv.min())
