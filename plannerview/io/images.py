"""Image series (CT, MR, PT): slices sorted along the slice normal, geometry checked."""

from __future__ import annotations

import os
from collections import defaultdict

import numpy as np
from pydicom.dataset import Dataset

from ..model.findings import Finding, Severity
from ..model.geometry import Grid
from ..model.image import ImageVolume
from ..model.text import QT_TRANSLATE_NOOP, Msg
from . import codes
from .dicom_values import common_fields, floats, num, pixel_array, text
from .limits import Limits
from .pixels import PixelLayout, pixel_layout, read_pixels
from .scan import Item
from .validate import Checker, ObjectRejected

SPACING_TOL_MM = 0.05
REQUIRED = ("ImagePositionPatient", "ImageOrientationPatient", "PixelSpacing", "Rows", "Columns")


def _slice(modality: str) -> Msg:
    """What a slice's problems are reported on: "CT slice" (the modality a value), else "image slice"."""
    if modality == "image":
        return Msg(QT_TRANSLATE_NOOP("Findings", "image slice"))
    return Msg(QT_TRANSLATE_NOOP("Findings", "{modality} slice"), modality=modality)


def check_slice(it: Item, lim: Limits) -> tuple[PixelLayout | None, np.ndarray | None, list[Finding]]:
    """Check one image slice's geometry, pixel module and rescale; decode compressed pixels now.

    Returns (layout, decoded pixels of a compressed slice or None, findings); layout None = not used.
    """
    ds = it.dataset
    modality = text(ds, "Modality").upper() or "image"
    chk = Checker(_slice(modality), it.path, text(ds, "SOPInstanceUID"))
    missing = [k for k in REQUIRED if k not in ds]
    if missing:
        return None, None, [Finding(codes.IO_MISSING_TAG, Severity.WARNING,
                                    Msg(QT_TRANSLATE_NOOP("Findings", "image slice lacks {tags}; it cannot be placed and was skipped"),
                                        tags=", ".join(missing)),
                                    text(ds, "SOPInstanceUID"), it.path)]
    if "PixelData" not in ds:
        return None, None, [Finding(codes.IO_PIXEL_DATA, Severity.WARNING, Msg(QT_TRANSLATE_NOOP("Findings", "image slice has no pixel data; skipped")),
                                    text(ds, "SOPInstanceUID"), it.path)]
    layout = pixel_layout(chk, ds, it.path if os.path.isfile(it.path) else None)
    if layout is not None and layout.frames != 1:
        chk.error("NumberOfFrames", Msg(QT_TRANSLATE_NOOP("Findings", "{frames} frames in a single-frame image object; not supported"), frames=layout.frames))
    chk.identity(ds, frame_required=False)
    chk.code(ds, "PhotometricInterpretation", ("MONOCHROME1", "MONOCHROME2"), default="MONOCHROME2")
    chk.position(ds, "ImagePositionPatient", required=True)
    chk.orientation(ds)
    chk.numbers(ds, "PixelSpacing", required=True, vm=2, lo=1e-3, hi=500.0)
    is_ct = modality == "CT"
    chk.number(ds, "RescaleSlope", required=is_ct, lo=1e-6 if is_ct else -1e6, hi=100.0 if is_ct else 1e6)
    chk.number(ds, "RescaleIntercept", required=is_ct, lo=-1e5 if is_ct else -1e9, hi=1e5 if is_ct else 1e9)
    if "RescaleSlope" in ds and chk.ok and (num(ds, "RescaleSlope", 1.0) or 0.0) == 0.0:
        chk.error("RescaleSlope", Msg(QT_TRANSLATE_NOOP("Findings", "is 0: every pixel would have the same value")))
    decoded = None
    if layout is not None and layout.compressed and chk.ok:
        try:
            decoded = read_pixels(ds, layout)[0]
        except ValueError as exc:
            chk.error("PixelData", str(exc))
    try:
        findings = chk.done()
    except ObjectRejected as exc:
        return None, None, exc.findings
    return layout, decoded, findings


def build_images(items: list[Item], limits: Limits | None = None) -> tuple[list[ImageVolume], list[Finding]]:
    lim = limits or Limits.from_env()
    findings: list[Finding] = []
    by_series: dict[str, list[Item]] = defaultdict(list)
    decoded: dict[int, np.ndarray] = {}
    for it in items:
        layout, pixels, fs = check_slice(it, lim)
        findings += fs
        if layout is None:
            continue
        if pixels is not None:
            decoded[id(it.dataset)] = pixels
        key = text(it.dataset, "SeriesInstanceUID") or f"no-series:{it.path}"
        by_series[key].append(it)
    volumes = []
    for series_items in by_series.values():
        try:
            vol, fs = _build_series(series_items, decoded, lim)
        except ObjectRejected as exc:
            findings += exc.findings
            continue
        except Exception as exc:  # a broken series must not stop the others
            findings.append(Finding(codes.IMG_INCONSISTENT, Severity.ERROR,
                                    Msg(QT_TRANSLATE_NOOP("Findings", "image series could not be assembled ({why}); not used"), why=str(exc)),
                                    text(series_items[0].dataset, "SeriesInstanceUID"), series_items[0].path))
            continue
        volumes.append(vol)
        findings.extend(fs)
    return volumes, findings


def _build_series(items: list[Item], decoded: dict[int, np.ndarray], lim: Limits) -> tuple[ImageVolume, list[Finding]]:
    findings: list[Finding] = []
    ds0 = items[0].dataset
    series_uid = text(ds0, "SeriesInstanceUID")
    iop = floats(ds0, "ImageOrientationPatient")
    if iop is None or len(iop) != 6:
        raise ValueError("ImageOrientationPatient must hold 6 numbers")
    row_dir = iop[:3] / np.linalg.norm(iop[:3])
    col_dir = iop[3:] / np.linalg.norm(iop[3:])
    normal = np.cross(row_dir, col_dir)
    rows, cols = int(ds0.Rows), int(ds0.Columns)

    # Keep slices consistent with the first one (same size and orientation).
    kept: list[tuple[float, Item, np.ndarray]] = []
    for it in items:
        ds = it.dataset
        o = floats(ds, "ImageOrientationPatient")
        ipp = floats(ds, "ImagePositionPatient")
        if o is None or ipp is None or len(ipp) != 3 or int(ds.Rows) != rows or int(ds.Columns) != cols or not np.allclose(o, iop, atol=1e-3):
            findings.append(Finding(codes.IMG_INCONSISTENT, Severity.WARNING,
                                    Msg(QT_TRANSLATE_NOOP("Findings", "slice differs in size or orientation from the rest of its series; skipped")),
                                    text(ds, "SOPInstanceUID"), it.path))
            continue
        kept.append((float(np.dot(ipp, normal)), it, ipp))
    kept.sort(key=lambda t: t[0])
    # Duplicate positions (the same slice twice, or two acquisitions mixed).
    unique: list[tuple[float, Item, np.ndarray]] = []
    for s, it, ipp in kept:
        if unique and abs(s - unique[-1][0]) < 1e-3:
            findings.append(Finding(codes.IMG_DUPLICATE_POSITION, Severity.WARNING,
                                    Msg(QT_TRANSLATE_NOOP("Findings", "two slices at the same position ({position:.2f} mm along the normal); the "
                                                          "second was skipped"), position=s),
                                    text(it.dataset, "SOPInstanceUID"), it.path))
            continue
        unique.append((s, it, ipp))
    positions = np.array([u[0] for u in unique])
    ipps = np.array([u[2] for u in unique])
    sorted_items = [u[1] for u in unique]

    ps = floats(ds0, "PixelSpacing")
    if ps is None or len(ps) < 2 or np.any(ps <= 0):
        raise ValueError("PixelSpacing is missing or not positive")
    if len(unique) * rows * cols > lim.max_voxels:
        chk = Checker(Msg(QT_TRANSLATE_NOOP("Findings", "{modality} series"), modality=text(ds0, "Modality"))
                      if text(ds0, "Modality") else Msg(QT_TRANSLATE_NOOP("Findings", "image series")), items[0].path, series_uid)
        chk.error("Rows", Msg(QT_TRANSLATE_NOOP("Findings", "{slices} slices of {rows} x {cols} exceed the limit of {limit:,} voxels (PLANNERVIEW_MAX_VOXELS)"), slices=len(unique), rows=rows, cols=cols, limit=lim.max_voxels))
        chk.done()
    dy, dx = float(ps[0]), float(ps[1])
    modality = text(ds0, "Modality").upper() or "CT"
    if len(unique) > 1:
        gaps = np.diff(positions)
        dz = float(np.median(gaps))
        if np.ptp(gaps) > SPACING_TOL_MM:
            findings.append(Finding(codes.IMG_UNEVEN_SPACING, Severity.WARNING,
                                    Msg(QT_TRANSLATE_NOOP("Findings", "{modality} slice spacing is uneven ({low:.2f} to {high:.2f} mm); "
                                                          "geometry uses the median {median:.2f} mm"),
                                        modality=modality, low=float(gaps.min()), high=float(gaps.max()), median=dz),
                                    series_uid, sorted_items[0].path))
        # Gantry tilt: slice origins do not advance along the normal.
        step = ipps[-1] - ipps[0]
        in_plane = step - np.dot(step, normal) * normal
        tilt_tag = num(ds0, "GantryDetectorTilt", 0.0) or 0.0
        if np.linalg.norm(in_plane) > 0.01 * max(1.0, abs(np.dot(step, normal))) or abs(tilt_tag) > 0.01:
            angle = np.degrees(np.arctan2(np.linalg.norm(in_plane), abs(np.dot(step, normal))))
            findings.append(Finding(codes.IMG_GANTRY_TILT, Severity.WARNING,
                                    Msg(QT_TRANSLATE_NOOP("Findings", "{modality} series acquired with gantry tilt ({angle:.1f} deg); slices are "
                                                          "sheared, geometry is approximate"),
                                        modality=modality, angle=float(max(angle, abs(tilt_tag)))),
                                    series_uid, sorted_items[0].path))
    else:
        chk = Checker(_slice(modality), sorted_items[0].path, text(ds0, "SOPInstanceUID"))
        thickness = chk.number(ds0, "SliceThickness", lo=1e-3, hi=500.0)
        findings += chk.done()
        dz = thickness or 1.0
        if thickness is None:
            findings.append(Finding(codes.IO_MISSING_TAG, Severity.WARNING,
                                    Msg(QT_TRANSLATE_NOOP("Findings", "single-slice {modality} series states no SliceThickness; 1 mm assumed"),
                                        modality=modality),
                                    series_uid, sorted_items[0].path))
        findings.append(Finding(codes.IMG_SINGLE_SLICE, Severity.INFO,
                                Msg(QT_TRANSLATE_NOOP("Findings", "{modality} series has a single slice"), modality=modality), series_uid, sorted_items[0].path))
    if abs(normal[2]) < 0.99:
        findings.append(Finding(codes.IMG_NON_AXIAL, Severity.WARNING,
                                Msg(QT_TRANSLATE_NOOP("Findings", "{modality} series is not axial (slice normal {normal})"), modality=modality,
                                        normal=str(np.round(normal, 3).tolist())),
                                series_uid, sorted_items[0].path))
    direction = np.column_stack([row_dir, col_dir, normal])
    grid = Grid(
        shape_zyx=(len(unique), rows, cols),
        spacing_mm=(dz, dy, dx),
        origin_mm=tuple(ipps[0]),
        direction=direction,
        frame_of_reference_uid=text(ds0, "FrameOfReferenceUID"),
    )
    datasets = [it.dataset for it in sorted_items]
    cache: list[np.ndarray] = []

    def load_voxels() -> np.ndarray:
        # Memoised: objects derived with dataclasses.replace share the voxels.
        if not cache:
            cache.append(_stack(datasets, decoded))
        return cache[0]

    fields = common_fields(ds0, sorted_items[0].path)
    vol = ImageVolume(
        **fields,
        modality=modality,
        grid=grid,
        patient_position=text(ds0, "PatientPosition"),
        slice_sop_uids=tuple(text(d, "SOPInstanceUID") for d in datasets),
        slice_files=tuple(it.path for it in sorted_items),
        slice_positions_mm=tuple(float(p) for p in positions),
        gantry_tilt_deg=num(ds0, "GantryDetectorTilt", 0.0) or 0.0,
        units="HU" if modality == "CT" else text(ds0, "Units"),
        description=text(ds0, "SeriesDescription"),
        loader=load_voxels,
    )
    return vol, findings


def _stack(datasets: list[Dataset], decoded: dict[int, np.ndarray] | None = None) -> np.ndarray:
    """Stack slices into one array with rescale applied: int16 when exact, float32 otherwise.

    The raw pixel bytes of the in-memory datasets are released as each slice is copied, so the
    voxels are not held twice.
    """
    slopes = [num(d, "RescaleSlope", 1.0) or 1.0 for d in datasets]
    inters = [num(d, "RescaleIntercept", 0.0) or 0.0 for d in datasets]
    d0 = datasets[0]
    shape = (len(datasets), int(d0.Rows), int(d0.Columns))
    exact_int = all(s == 1.0 for s in slopes) and all(float(i).is_integer() for i in inters)
    out = np.empty(shape, dtype=np.int16 if exact_int else np.float32)
    for k, d in enumerate(datasets):
        pre = decoded.pop(id(d), None) if decoded is not None else None
        raw = pre if pre is not None else pixel_array(d)[0]
        if exact_int:
            if inters[k] == 0 and raw.dtype == np.int16:
                out[k] = raw
            else:
                out[k] = np.clip(raw.astype(np.int32) + int(inters[k]), -32768, 32767)
        else:
            out[k] = raw * np.float32(slopes[k]) + np.float32(inters[k])
        del d.PixelData  # our own in-memory copy; the file is untouched
    return out
