"""RTDOSE -> DoseGrid (with the TPS's DVHSequence as TpsDvh curves)."""

from __future__ import annotations

import numpy as np
from pydicom.dataset import Dataset

from ..model.dose import DoseGrid, TpsDvh
from ..model.findings import Finding, Severity
from ..model.geometry import Grid
from ..model.text import QT_TRANSLATE_NOOP, Msg
from . import codes
from .dicom_values import common_fields, first, seq, text
from .limits import Limits
from .pixels import pixel_layout, read_pixels
from .scan import Item
from .validate import MAX_COORD_MM, Checker

SUMMATION_TYPES = ("PLAN", "MULTI_PLAN", "FRACTION", "BEAM", "BRACHY", "FRACTION_SESSION", "BEAM_SESSION",
                   "BRACHY_SESSION", "CONTROL_POINT", "RECORD")
MAX_DOSE = 1e4  # Gy (or relative units): no dose grid holds more; a larger maximum means a wrong scaling
MIN_DOSE = 1e-6  # a grid with non-zero values whose maximum is below this has a wrong scaling
MAX_SPACING_MM = 500.0
MIN_SPACING_MM = 1e-3


def read_dose(item: Item, limits: Limits | None = None) -> tuple[DoseGrid, list[Finding]]:
    """Read and check an RTDOSE; raises ObjectRejected (findings name the tags) when it must not be used."""
    ds = item.dataset
    findings: list[Finding] = []
    sop = text(ds, "SOPInstanceUID")
    chk = Checker("RTDOSE", item.path, sop)
    lim = limits or Limits.from_env()
    layout = pixel_layout(chk, ds, item.path, bits_allowed=(16, 32), max_voxels=lim.max_voxels)
    units = chk.code(ds, "DoseUnits", ("GY", "RELATIVE"), required=True)
    dose_type = chk.code(ds, "DoseType", ("PHYSICAL", "EFFECTIVE", "ERROR"), required=True)
    summation = chk.code(ds, "DoseSummationType", SUMMATION_TYPES, required=True)
    ipp = chk.position(ds, "ImagePositionPatient", required=True)
    ps = chk.numbers(ds, "PixelSpacing", required=True, vm=2, lo=MIN_SPACING_MM, hi=MAX_SPACING_MM)
    if "ImageOrientationPatient" in ds:
        iop = chk.orientation(ds)
    else:
        iop = np.array([1.0, 0, 0, 0, 1.0, 0])
        findings.append(Finding(codes.IO_MISSING_TAG, Severity.WARNING,
                                Msg(QT_TRANSLATE_NOOP("Findings", "RTDOSE lacks ImageOrientationPatient; axial orientation assumed")), sop, item.path))
    scaling = chk.number(ds, "DoseGridScaling", required=True, lo=0.0, lo_open=True)
    frames = layout.frames if layout is not None else 1
    offsets = chk.numbers(ds, "GridFrameOffsetVector", required=frames > 1, vm=frames if frames > 1 else (1, 1),
                          lo=-MAX_COORD_MM, hi=MAX_COORD_MM)
    dz_single = None
    if frames == 1:
        dz_single = chk.number(ds, "SliceThickness", lo=MIN_SPACING_MM, hi=MAX_SPACING_MM, lo_open=False)
    chk.identity(ds, frame_required=True)
    frame_uid = text(ds, "FrameOfReferenceUID")
    raw = None
    if layout is not None and chk.ok:
        try:
            raw = read_pixels(ds, layout)
        except ValueError as exc:
            chk.error("PixelData", str(exc))
    if raw is not None and scaling is not None:
        vmax = int(raw.max()) if raw.size else 0
        vmin = int(raw.min()) if raw.size else 0
        if layout is not None and layout.signed and dose_type != "ERROR":
            if vmin < 0:
                chk.error("PixelRepresentation", Msg(QT_TRANSLATE_NOOP("Findings", "signed pixel data with negative values ({value}) in a dose of type {dose_type}: the standard allows signed values only for DoseType ERROR (the data look unsigned)"), value=vmin, dose_type=dose_type or '?'))
            else:
                chk.warn("PixelRepresentation", Msg(QT_TRANSLATE_NOOP("Findings", "1 (signed) in a dose of type {dose_type}, which the standard allows only for DoseType ERROR; no value is negative, so none changes"), dose_type=dose_type or '?'))
        dmax = vmax * scaling
        if dmax > MAX_DOSE:
            chk.error("DoseGridScaling", Msg(QT_TRANSLATE_NOOP("Findings", "{scaling:g} gives a maximum of {dose:.3g} {units}, above the plausible {limit:g}"), scaling=scaling, dose=dmax, units=units or 'GY', limit=MAX_DOSE))
        elif vmax > 0 and dmax < MIN_DOSE:
            chk.error("DoseGridScaling", Msg(QT_TRANSLATE_NOOP("Findings", "{scaling:g} gives a maximum of {dose:.3g} {units}, below the plausible {limit:g}"), scaling=scaling, dose=dmax, units=units or 'GY', limit=MIN_DOSE))
    if offsets is not None and frames > 1:
        order = np.argsort(offsets, kind="stable")
        gaps = np.diff(offsets[order])
        if np.any(gaps <= 1e-6):
            chk.error("GridFrameOffsetVector", Msg(QT_TRANSLATE_NOOP("Findings", "two frames at the same position")))
    plan_ref = first(ds, "ReferencedRTPlanSequence")
    plan_uid = chk.uid(plan_ref, "ReferencedSOPInstanceUID", where="ReferencedRTPlanSequence") if plan_ref is not None else ""
    beams: list[int] = []
    fraction_group = None
    if plan_ref is not None:
        for fg in seq(plan_ref, "ReferencedFractionGroupSequence"):
            fraction_group = chk.integer(fg, "ReferencedFractionGroupNumber", where="ReferencedRTPlanSequence")
            for rb in seq(fg, "ReferencedBeamSequence"):
                n = chk.integer(rb, "ReferencedBeamNumber", where="ReferencedRTPlanSequence")
                if n is not None:
                    beams.append(n)
    findings += chk.done()
    assert layout is not None and ipp is not None and ps is not None and iop is not None and scaling is not None
    assert raw is not None
    row_dir, col_dir = iop[:3] / np.linalg.norm(iop[:3]), iop[3:] / np.linalg.norm(iop[3:])
    normal = np.cross(row_dir, col_dir)
    if offsets is None:
        offsets = np.zeros(1)
    if offsets[0] != 0.0:
        # Absolute offsets (PS3.3 C.8.8.3.2 type b) are the frames' positions along the normal.
        origin_along_normal = float(np.dot(ipp, normal))
        if abs(offsets[0] - origin_along_normal) < 0.01 or abs(offsets[0] - ipp[2]) < 0.01:
            offsets = offsets - offsets[0]
        else:
            findings.append(Finding(codes.IO_INVALID_VALUE, Severity.WARNING,
                                    Msg(QT_TRANSLATE_NOOP("Findings", "GridFrameOffsetVector starts at {offset:g} mm, neither 0 (relative) "
                                                          "nor the first frame's position (absolute); read as "
                                                          "relative offsets"), offset=float(offsets[0])), sop, item.path))
    order = np.argsort(offsets, kind="stable")
    sorted_offsets = offsets[order]
    if frames > 1:
        gaps = np.diff(sorted_offsets)
        dz = float(np.median(gaps))
        if np.ptp(gaps) > 0.05:
            findings.append(Finding(codes.IMG_UNEVEN_SPACING, Severity.WARNING,
                                    Msg(QT_TRANSLATE_NOOP("Findings", "dose frame spacing is uneven ({low:.2f} to {high:.2f} mm)"),
                                        low=float(gaps.min()), high=float(gaps.max())), sop, item.path))
    elif dz_single is not None:
        dz = dz_single
    else:
        dz = 1.0
        findings.append(Finding(codes.IO_MISSING_TAG, Severity.WARNING,
                                Msg(QT_TRANSLATE_NOOP("Findings", "single-frame RTDOSE states no SliceThickness; 1 mm assumed for its "
                                                      "voxel volume")),
                                sop, item.path))
    origin = ipp + sorted_offsets[0] * normal
    grid = Grid(
        shape_zyx=(frames, layout.rows, layout.columns),
        spacing_mm=(dz, float(ps[0]), float(ps[1])),
        origin_mm=tuple(origin),
        direction=np.column_stack([row_dir, col_dir, normal]),
        frame_of_reference_uid=frame_uid,
    )
    flip = not np.array_equal(order, np.arange(frames))

    def load() -> np.ndarray:
        arr = raw.astype(np.float32) * np.float32(scaling)
        return np.ascontiguousarray(arr[order]) if flip else arr

    tps, tps_findings = _tps_dvhs(ds, item.path, sop)
    findings += tps_findings
    dose = DoseGrid(
        **common_fields(ds, item.path),
        grid=grid,
        dose_type=dose_type,
        units=units,
        summation_type=summation,
        grid_scaling=scaling,
        referenced_plan_uid=plan_uid,
        referenced_beam_numbers=tuple(beams),
        referenced_fraction_group=fraction_group,
        tps_dvhs=tuple(tps),
        comment=text(ds, "DoseComment"),
        description=text(ds, "SeriesDescription"),
        loader=load,
    )
    return dose, findings


def _tps_dvhs(ds: Dataset, path: str, sop: str) -> tuple[list[TpsDvh], list[Finding]]:
    """The TPS's DVHs; one with invalid values is dropped with a warning (the dose is still used)."""
    out = []
    findings: list[Finding] = []
    for i, d in enumerate(seq(ds, "DVHSequence")):
        chk = Checker("TPS DVH", path, sop)
        where = f"DVHSequence item {i + 1}"
        ref = first(d, "DVHReferencedROISequence")
        roi = chk.integer(ref, "ReferencedROINumber", where=where, required=True) if ref is not None else None
        if ref is None:
            chk.error("DVHReferencedROISequence", Msg(QT_TRANSLATE_NOOP("Findings", "missing")), where)
        dvh_type = chk.code(d, "DVHType", ("CUMULATIVE", "DIFFERENTIAL", "NATURAL"), where=where, required=True)
        dose_units = chk.code(d, "DoseUnits", ("GY", "RELATIVE"), where=where, required=True)
        volume_units = chk.code(d, "DVHVolumeUnits", ("CM3", "PERCENT", "PER_U"), where=where, required=True)
        scale = chk.number(d, "DVHDoseScaling", where=where, required=True, lo=0.0, lo_open=True, hi=1e6)
        bins = chk.integer(d, "DVHNumberOfBins", where=where, required=True, lo=1)
        data = chk.numbers(d, "DVHData", where=where, required=True, vm=(2, None), multiple_of=2)
        if data is not None and bins is not None and data.size != 2 * bins:
            chk.error("DVHData", Msg(QT_TRANSLATE_NOOP("Findings", "holds {count} bins, DVHNumberOfBins says {bins}"), count=data.size // 2, bins=bins), where)
        if data is not None:
            vols = data[1::2]
            tol = 1e-9 * max(1.0, float(np.abs(vols).max(initial=0.0)))  # TPSs store rounding residues like -3e-13
            if np.any(data[0::2] < 0) or np.any(vols < -tol):
                chk.error("DVHData", Msg(QT_TRANSLATE_NOOP("Findings", "holds a negative bin width or volume")), where)
            data = data.copy()
            data[1::2] = np.maximum(vols, 0.0)
        stored = {k: chk.number(d, k, where=where, lo=0.0)
                  for k in ("DVHMinimumDose", "DVHMaximumDose", "DVHMeanDose")}
        if not chk.ok:
            findings.append(Finding(codes.IO_INVALID_VALUE, Severity.WARNING,
                                    Msg(QT_TRANSLATE_NOOP("Findings", "the TPS's DVH is not used: {problem}"),
                                        problem=chk.errors[0]), sop, path))
            continue
        assert data is not None and scale is not None and roi is not None
        widths = data[0::2] * scale
        volumes = data[1::2]
        lower = np.concatenate([[0.0], np.cumsum(widths)[:-1]])
        cumulative = volumes if dvh_type == "CUMULATIVE" else np.cumsum(volumes[::-1])[::-1]
        out.append(TpsDvh(
            roi_number=roi,
            dvh_type=dvh_type,
            dose_units=dose_units,
            volume_units=volume_units,
            dose_bins_gy=lower,
            volume=cumulative,
            stored_min=stored["DVHMinimumDose"],
            stored_max=stored["DVHMaximumDose"],
            stored_mean=stored["DVHMeanDose"],
            dose_scaling=scale,
        ))
    return out, findings
