"""RTSTRUCT -> StructureSet."""

from __future__ import annotations

from ..model.findings import Finding, Severity
from ..model.structures import ROI, Contour, StructureSet
from . import codes
from .dicom_values import common_fields, first, floats, integer, num, seq, text
from .scan import Item


def read_structure_set(item: Item) -> tuple[StructureSet, list[Finding]]:
    ds = item.dataset
    findings: list[Finding] = []
    sop = text(ds, "SOPInstanceUID")

    # Frame of reference: the referenced-frame sequence, else the ROIs' own, else the top level.
    frames = [text(f, "FrameOfReferenceUID") for f in seq(ds, "ReferencedFrameOfReferenceSequence")]
    roi_frames = [text(r, "ReferencedFrameOfReferenceUID") for r in seq(ds, "StructureSetROISequence")]
    frame = next((f for f in frames if f), "") or next((f for f in roi_frames if f), "") or text(ds, "FrameOfReferenceUID")
    if not frames:
        findings.append(Finding(codes.RS_NO_FRAME_REF, Severity.INFO,
                                "structure set has no ReferencedFrameOfReferenceSequence; frame of reference taken "
                                + ("from its ROIs" if frame else "from the images it is matched to"), sop, item.path))

    series_uids: list[str] = []
    for fr in seq(ds, "ReferencedFrameOfReferenceSequence"):
        for st in seq(fr, "RTReferencedStudySequence"):
            for se in seq(st, "RTReferencedSeriesSequence"):
                uid = text(se, "SeriesInstanceUID")
                if uid:
                    series_uids.append(uid)

    info: dict[int, dict[str, str]] = {}
    for r in seq(ds, "StructureSetROISequence"):
        n = integer(r, "ROINumber")
        if n is None:
            continue
        info[n] = {
            "name": text(r, "ROIName") or f"ROI {n}",
            "algorithm": text(r, "ROIGenerationAlgorithm"),
            "description": text(r, "ROIDescription"),
        }
    types: dict[int, str] = {}
    physical: dict[int, dict[str, float]] = {}
    for obs in seq(ds, "RTROIObservationsSequence"):
        n = integer(obs, "ReferencedROINumber")
        if n is not None:
            types[n] = text(obs, "RTROIInterpretedType")
            for prop in seq(obs, "ROIPhysicalPropertiesSequence"):
                value = num(prop, "ROIPhysicalPropertyValue")
                name = text(prop, "ROIPhysicalProperty").upper()
                if name and value is not None:
                    physical.setdefault(n, {})[name] = value

    contours_by_roi: dict[int, list[Contour]] = {}
    colors: dict[int, tuple[int, int, int]] = {}
    image_uids: set[str] = set()
    for rc in seq(ds, "ROIContourSequence"):
        n = integer(rc, "ReferencedROINumber")
        if n is None:
            continue
        col = floats(rc, "ROIDisplayColor")
        if col is not None and len(col) == 3:
            colors[n] = (int(col[0]) % 256, int(col[1]) % 256, int(col[2]) % 256)
        out = contours_by_roi.setdefault(n, [])
        for c in seq(rc, "ContourSequence"):
            pts = floats(c, "ContourData")
            if pts is None or len(pts) < 3 or len(pts) % 3:
                findings.append(Finding(codes.RS_DEGENERATE_CONTOUR, Severity.WARNING,
                                        f"ROI '{info.get(n, {}).get('name', n)}': a contour has unreadable ContourData; skipped",
                                        sop, item.path))
                continue
            ref = first(c, "ContourImageSequence")
            ref_uid = text(ref, "ReferencedSOPInstanceUID") if ref is not None else ""
            if ref_uid:
                image_uids.add(ref_uid)
            out.append(Contour(text(c, "ContourGeometricType").upper() or "CLOSED_PLANAR", pts.reshape(-1, 3), ref_uid))

    rois = []
    for n in sorted(set(info) | set(contours_by_roi)):
        meta = info.get(n, {"name": f"ROI {n}", "algorithm": "", "description": ""})
        rois.append(ROI(
            number=n,
            name=meta["name"],
            contours=tuple(contours_by_roi.get(n, ())),
            interpreted_type=types.get(n, ""),
            color_rgb=colors.get(n, _default_color(n)),
            generation_algorithm=meta["algorithm"],
            description=meta["description"],
            physical_properties=physical.get(n, {}),
        ))
    fields = common_fields(ds, item.path)
    fields["frame_of_reference_uid"] = frame
    ss = StructureSet(
        **fields,
        label=text(ds, "StructureSetLabel"),
        name=text(ds, "StructureSetName"),
        rois=tuple(rois),
        referenced_series_uids=tuple(dict.fromkeys(series_uids)),
        referenced_image_uids=tuple(sorted(image_uids)),
    )
    return ss, findings


def _default_color(n: int) -> tuple[int, int, int]:
    palette = [(230, 25, 75), (60, 180, 75), (255, 225, 25), (0, 130, 200), (245, 130, 48),
               (145, 30, 180), (70, 240, 240), (240, 50, 230), (210, 245, 60), (250, 190, 190)]
    return palette[n % len(palette)]
