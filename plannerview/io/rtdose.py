"""RTDOSE -> DoseGrid (with the TPS's DVHSequence as TpsDvh curves)."""

from __future__ import annotations

import numpy as np
from pydicom.dataset import Dataset

from ..model.dose import DoseGrid, TpsDvh
from ..model.findings import Finding, Severity
from ..model.geometry import Grid
from . import codes
from .dicom_values import common_fields, first, floats, integer, num, pixel_array, seq, text
from .scan import Item


def read_dose(item: Item) -> tuple[DoseGrid, list[Finding]]:
    ds = item.dataset
    findings: list[Finding] = []
    sop = text(ds, "SOPInstanceUID")
    for k in ("ImagePositionPatient", "PixelSpacing", "Rows", "Columns", "PixelData"):
        if k not in ds:
            raise ValueError(f"RTDOSE lacks {k}")
    iop = floats(ds, "ImageOrientationPatient")
    if iop is None or len(iop) != 6:
        iop = np.array([1.0, 0, 0, 0, 1.0, 0])
        findings.append(Finding(codes.IO_MISSING_TAG, Severity.WARNING,
                                "RTDOSE lacks ImageOrientationPatient; axial orientation assumed", sop, item.path))
    row_dir = iop[:3] / np.linalg.norm(iop[:3])
    col_dir = iop[3:] / np.linalg.norm(iop[3:])
    normal = np.cross(row_dir, col_dir)
    ipp = floats(ds, "ImagePositionPatient")
    assert ipp is not None
    ps = floats(ds, "PixelSpacing")
    assert ps is not None
    frames = integer(ds, "NumberOfFrames", 1) or 1
    offsets = floats(ds, "GridFrameOffsetVector")
    if offsets is None or len(offsets) != frames:
        if frames == 1:
            offsets = np.zeros(1)
        else:
            raise ValueError(f"GridFrameOffsetVector holds {0 if offsets is None else len(offsets)} values for {frames} frames")
    offsets = np.asarray(offsets, dtype=np.float64)
    if offsets[0] != 0.0:
        # Absolute offsets (PS3.3 C.8.8.3.2 type b) are the frames' positions along the normal.
        origin_along_normal = float(np.dot(ipp, normal))
        if abs(offsets[0] - origin_along_normal) < 0.01 or abs(offsets[0] - ipp[2]) < 0.01:
            offsets = offsets - offsets[0]
        else:
            findings.append(Finding(codes.IO_MISSING_TAG, Severity.WARNING,
                                    f"GridFrameOffsetVector starts at {offsets[0]:g} mm, neither 0 (relative) nor the first "
                                    "frame's position (absolute); read as relative offsets", sop, item.path))
    order = np.argsort(offsets, kind="stable")
    sorted_offsets = offsets[order]
    if frames > 1:
        gaps = np.diff(sorted_offsets)
        dz = float(np.median(gaps))
        if np.ptp(gaps) > 0.05:
            findings.append(Finding(codes.IMG_UNEVEN_SPACING, Severity.WARNING,
                                    f"dose frame spacing is uneven ({gaps.min():.2f} to {gaps.max():.2f} mm)", sop, item.path))
        if dz <= 0:
            raise ValueError("two dose frames at the same position")
    else:
        dz = num(ds, "SliceThickness", 1.0) or 1.0
    origin = ipp + sorted_offsets[0] * normal
    grid = Grid(
        shape_zyx=(frames, int(ds.Rows), int(ds.Columns)),
        spacing_mm=(dz, float(ps[0]), float(ps[1])),
        origin_mm=tuple(origin),
        direction=np.column_stack([row_dir, col_dir, normal]),
        frame_of_reference_uid=text(ds, "FrameOfReferenceUID"),
    )
    scaling = num(ds, "DoseGridScaling", 1.0) or 1.0
    # Check the pixel data now, so a truncated file is reported at load time, not on first use.
    raw = pixel_array(ds)
    flip = not np.array_equal(order, np.arange(frames))

    def load() -> np.ndarray:
        arr = raw.astype(np.float32) * np.float32(scaling)
        return np.ascontiguousarray(arr[order]) if flip else arr

    plan_ref = first(ds, "ReferencedRTPlanSequence")
    beams: list[int] = []
    fraction_group = None
    if plan_ref is not None:
        for fg in seq(plan_ref, "ReferencedFractionGroupSequence"):
            fraction_group = integer(fg, "ReferencedFractionGroupNumber")
            for rb in seq(fg, "ReferencedBeamSequence"):
                n = integer(rb, "ReferencedBeamNumber")
                if n is not None:
                    beams.append(n)
    dose = DoseGrid(
        **common_fields(ds, item.path),
        grid=grid,
        dose_type=text(ds, "DoseType").upper() or "PHYSICAL",
        units=text(ds, "DoseUnits").upper() or "GY",
        summation_type=text(ds, "DoseSummationType").upper(),
        grid_scaling=scaling,
        referenced_plan_uid=text(plan_ref, "ReferencedSOPInstanceUID") if plan_ref is not None else "",
        referenced_beam_numbers=tuple(beams),
        referenced_fraction_group=fraction_group,
        tps_dvhs=tuple(_tps_dvhs(ds)),
        comment=text(ds, "DoseComment"),
        description=text(ds, "SeriesDescription"),
        loader=load,
    )
    return dose, findings


def _tps_dvhs(ds: Dataset) -> list[TpsDvh]:
    out = []
    for d in seq(ds, "DVHSequence"):
        ref = first(d, "DVHReferencedROISequence")
        roi = integer(ref, "ReferencedROINumber") if ref is not None else None
        data = floats(d, "DVHData")
        if roi is None or data is None or len(data) < 2:
            continue
        scale = num(d, "DVHDoseScaling", 1.0) or 1.0
        widths = data[0::2] * scale
        volumes = data[1::2]
        n = min(len(widths), len(volumes))
        widths, volumes = widths[:n], volumes[:n]
        lower = np.concatenate([[0.0], np.cumsum(widths)[:-1]])
        dvh_type = text(d, "DVHType").upper()
        cumulative = volumes if dvh_type == "CUMULATIVE" else np.cumsum(volumes[::-1])[::-1]
        out.append(TpsDvh(
            roi_number=roi,
            dvh_type=dvh_type,
            dose_units=text(d, "DoseUnits").upper(),
            volume_units=text(d, "DVHVolumeUnits").upper(),
            dose_bins_gy=lower,
            volume=cumulative,
            stored_min=num(d, "DVHMinimumDose"),
            stored_max=num(d, "DVHMaximumDose"),
            stored_mean=num(d, "DVHMeanDose"),
            dose_scaling=scale,
        ))
    return out
