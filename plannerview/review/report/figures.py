"""Report figures with matplotlib (Agg, no pyplot state): the DVH plot and key slices.

Made to read in grey: curves differ by line style and marker as well as colour; the dose wash
uses a colour map whose lightness rises with dose (viridis); contours are black/white pairs.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Literal

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from scipy.ndimage import map_coordinates

from ...compute.masks import roi_mask_on_grid
from ...model.dose import DoseGrid
from ...model.dvh import DVH
from ...model.image import ImageVolume
from ...model.structures import ROI
from .strings import t

STYLES = ["-", "--", "-.", ":"]
MARKERS = ["", "o", "s", "^", "v", "D", "x", "+"]


def _png(fig: Figure, dpi: int = 150) -> bytes:
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def dvh_figure(dvhs: Sequence[DVH], unit: str) -> bytes:
    fig = Figure(figsize=(7.0, 3.9))
    ax = fig.add_subplot(1, 1, 1)
    for i, h in enumerate(d for d in dvhs if d.covered_cc > 0):
        dose, vol = h.cumulative()
        pct = 100.0 * vol / h.covered_cc
        color = tuple(0.75 * c / 255.0 for c in h.color_rgb)  # darker: pale colours vanish in grey print
        ax.plot(dose, pct, STYLES[i % len(STYLES)], color=color, lw=1.6, label=h.roi_name,
                marker=MARKERS[(i // len(STYLES)) % len(MARKERS)] or None, markevery=0.1, ms=4,
                path_effects=None)
    ax.set_xlabel(t("dvh_xlabel", unit=unit))
    ax.set_ylabel(t("dvh_ylabel"))
    ax.set_ylim(0, 102)
    ax.set_xlim(left=0)
    ax.grid(True, color="0.8", lw=0.5)
    ax.legend(fontsize=7, ncol=2, frameon=False)
    fig.tight_layout()
    return _png(fig)


def _plane(dose: DoseGrid, view: str, index: int) -> tuple[np.ndarray, np.ndarray, tuple[float, float, float, float],
                                                              tuple[str, str]]:
    """Dose slice, the patient points of its pixels, the imshow extent and the axis names."""
    g = dose.grid
    nz, ny, nx = g.shape_zyx
    zc, yc, xc = g.axis_coords_mm()
    arr = np.asarray(dose.dose, dtype=np.float32)
    if view == "axial":
        sl = arr[index]
        jj, ii = np.mgrid[0:ny, 0:nx]
        ijk = np.stack([ii, jj, np.full_like(ii, index)], axis=-1)
        extent = (xc[0], xc[-1], yc[-1], yc[0])
        names = ("x (mm)", "y (mm)")
    elif view == "coronal":
        sl = arr[:, index, :]
        kk, ii = np.mgrid[0:nz, 0:nx]
        ijk = np.stack([ii, np.full_like(ii, index), kk], axis=-1)
        extent = (xc[0], xc[-1], zc[0], zc[-1])
        names = ("x (mm)", "z (mm)")
    else:
        sl = arr[:, :, index]
        kk, jj = np.mgrid[0:nz, 0:ny]
        ijk = np.stack([np.full_like(jj, index), jj, kk], axis=-1)
        extent = (yc[0], yc[-1], zc[0], zc[-1])
        names = ("y (mm)", "z (mm)")
    return sl, g.index_to_patient(ijk.astype(float)), extent, names


def slices_figure(dose: DoseGrid, image: ImageVolume | None, rois: Sequence[ROI], center_mm: np.ndarray,
                  low_pct: float = 10.0) -> bytes:
    """Axial, sagittal and coronal slices of the dose grid through ``center_mm``."""
    g = dose.grid
    i, j, k = (int(round(v)) for v in g.patient_to_index(np.asarray(center_mm, dtype=float)))
    nz, ny, nx = g.shape_zyx
    i, j, k = min(max(i, 0), nx - 1), min(max(j, 0), ny - 1), min(max(k, 0), nz - 1)
    masks = {r.name: roi_mask_on_grid(r, g) for r in rois if r.closed_contours} if g.is_axis_aligned else {}
    dmax = float(np.nanmax(dose.dose)) if dose.dose.size else 1.0
    fig = Figure(figsize=(7.2, 3.0))
    views = [("axial", k), ("sagittal", i), ("coronal", j)]
    for n, (view, idx) in enumerate(views, start=1):
        ax = fig.add_subplot(1, 3, n)
        sl, pts, extent, names = _plane(dose, view, idx)
        origin: Literal["upper", "lower"] = "upper" if view == "axial" else "lower"
        if image is not None and image.frame_of_reference_uid == dose.frame_of_reference_uid:
            ct_idx = image.grid.patient_to_index(pts.reshape(-1, 3))
            ct = map_coordinates(np.asarray(image.voxels, dtype=np.float32), ct_idx[:, ::-1].T, order=1,
                                 cval=-1000.0).reshape(sl.shape)
            ax.imshow(ct, cmap="gray", vmin=-400, vmax=400, extent=extent, origin=origin, interpolation="bilinear")
        else:
            ax.imshow(np.zeros_like(sl), cmap="gray", vmin=0, vmax=1, extent=extent, origin=origin)
        wash = np.ma.masked_less(sl, low_pct / 100.0 * dmax)
        im = ax.imshow(wash, cmap="viridis", alpha=0.55, vmin=0, vmax=dmax, extent=extent, origin=origin,
                       interpolation="bilinear")
        for m_i, (name, mask) in enumerate(masks.items()):
            msl = mask[idx] if view == "axial" else (mask[:, idx, :] if view == "coronal" else mask[:, :, idx])
            if msl.any() and not msl.all():
                xs = np.linspace(extent[0], extent[1], msl.shape[1])
                ys = np.linspace(extent[2], extent[3], msl.shape[0]) if origin == "lower" else \
                    np.linspace(extent[3], extent[2], msl.shape[0])
                roi = next(r for r in rois if r.name == name)
                color = tuple(c / 255.0 for c in roi.color_rgb)
                ax.contour(xs, ys, msl.astype(float), levels=[0.5], colors=["white"], linewidths=2.0)
                ax.contour(xs, ys, msl.astype(float), levels=[0.5], colors=[color],
                           linewidths=1.0, linestyles=STYLES[m_i % len(STYLES)])
        ax.set_title(t(view), fontsize=9)
        ax.set_xlabel(names[0], fontsize=7)
        ax.set_ylabel(names[1], fontsize=7)
        ax.tick_params(labelsize=6)
        if view == "axial":
            ax.set_ylim(extent[2], extent[3])
    cbar = fig.colorbar(im, ax=fig.axes, fraction=0.025, pad=0.02)
    cbar.ax.tick_params(labelsize=6)
    return _png(fig)
