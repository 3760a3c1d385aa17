"""RTSTRUCT -> StructureSet."""

from __future__ import annotations

from ..model.findings import Finding, Severity
from ..model.structures import ROI, Contour, StructureSet
from ..model.text import QT_TRANSLATE_NOOP, Msg
from . import codes
from .dicom_values import common_fields, first, num, seq, text
from .scan import Item
from .validate import MAX_COORD_MM, Checker

GEOMETRIC_TYPES = ("POINT", "OPEN_PLANAR", "OPEN_NONPLANAR", "CLOSED_PLANAR")


def read_structure_set(item: Item) -> tuple[StructureSet, list[Finding]]:
    """Read and check an RTSTRUCT; raises ObjectRejected (findings name the tags) when it must not be used."""
    ds = item.dataset
    findings: list[Finding] = []
    sop = text(ds, "SOPInstanceUID")
    chk = Checker("RTSTRUCT", item.path, sop)
    chk.identity(ds)

    # Frame of reference: the referenced-frame sequence, else the ROIs' own, else the top level.
    frames = [chk.uid(f, "FrameOfReferenceUID", where="ReferencedFrameOfReferenceSequence")
              for f in seq(ds, "ReferencedFrameOfReferenceSequence")]
    roi_frames = [chk.uid(r, "ReferencedFrameOfReferenceUID", where="StructureSetROISequence")
                  for r in seq(ds, "StructureSetROISequence")]
    frame = next((f for f in frames if f), "") or next((f for f in roi_frames if f), "") or text(ds, "FrameOfReferenceUID")
    if not frames:
        findings.append(Finding(codes.RS_NO_FRAME_REF, Severity.INFO,
                                Msg(QT_TRANSLATE_NOOP("Findings", "structure set has no ReferencedFrameOfReferenceSequence; frame of "
                                                      "reference taken from its ROIs")) if frame else
                                Msg(QT_TRANSLATE_NOOP("Findings", "structure set has no ReferencedFrameOfReferenceSequence; frame of "
                                                      "reference taken from the images it is matched to")),
                                sop, item.path))

    series_uids: list[str] = []
    for fr in seq(ds, "ReferencedFrameOfReferenceSequence"):
        for st in seq(fr, "RTReferencedStudySequence"):
            for se in seq(st, "RTReferencedSeriesSequence"):
                uid = text(se, "SeriesInstanceUID")
                if uid:
                    series_uids.append(uid)

    info: dict[int, dict[str, str]] = {}
    for i, r in enumerate(seq(ds, "StructureSetROISequence")):
        n = chk.integer(r, "ROINumber", where=f"StructureSetROISequence item {i + 1}", required=True)
        if n is None:
            continue
        if n in info:
            chk.error("ROINumber", Msg(QT_TRANSLATE_NOOP("Findings", "ROI number {roi} is defined twice"), roi=n), f"StructureSetROISequence item {i + 1}")
        info[n] = {
            "name": text(r, "ROIName") or f"ROI {n}",
            "algorithm": text(r, "ROIGenerationAlgorithm"),
            "description": text(r, "ROIDescription"),
        }
    types: dict[int, str] = {}
    physical: dict[int, dict[str, float]] = {}
    for i, obs in enumerate(seq(ds, "RTROIObservationsSequence")):
        n = chk.integer(obs, "ReferencedROINumber", where=f"RTROIObservationsSequence item {i + 1}", required=True)
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
    for i, rc in enumerate(seq(ds, "ROIContourSequence")):
        where = f"ROIContourSequence item {i + 1}"
        n = chk.integer(rc, "ReferencedROINumber", where=where, required=True)
        if n is None:
            continue
        name = info.get(n, {}).get("name", f"ROI {n}")
        where = Msg(QT_TRANSLATE_NOOP("Findings", "ROI '{name}'"), name=name)
        if info and n not in info:
            chk.error("ReferencedROINumber", Msg(QT_TRANSLATE_NOOP("Findings", "ROI {roi} is not defined in StructureSetROISequence"), roi=n), f"ROIContourSequence item {i + 1}")
        if n in contours_by_roi:
            chk.error("ReferencedROINumber", Msg(QT_TRANSLATE_NOOP("Findings", "two ROIContourSequence items refer to ROI {roi}"), roi=n), f"ROIContourSequence item {i + 1}")
        col = chk.numbers(rc, "ROIDisplayColor", where=where, vm=3, lo=0, hi=255, integer=True, warn_only=True)
        if col is not None:
            colors[n] = (int(col[0]), int(col[1]), int(col[2]))
        out = contours_by_roi.setdefault(n, [])
        for j, c in enumerate(seq(rc, "ContourSequence")):
            cw = Msg(QT_TRANSLATE_NOOP("Findings", "{where}, contour {number}"), where=where, number=j + 1)
            gtype = chk.code(c, "ContourGeometricType", GEOMETRIC_TYPES, where=cw, required=True)
            pts = chk.numbers(c, "ContourData", where=cw, required=True, vm=(3, None), multiple_of=3,
                              lo=-MAX_COORD_MM, hi=MAX_COORD_MM)
            npts = chk.integer(c, "NumberOfContourPoints", where=cw, required=True, lo=1)
            if pts is None or not gtype:
                continue
            if npts is not None and npts * 3 != pts.size:
                chk.error("NumberOfContourPoints", Msg(QT_TRANSLATE_NOOP("Findings", "says {declared} points but ContourData holds {count}"), declared=npts, count=pts.size // 3), cw)
                continue
            ref = first(c, "ContourImageSequence")
            ref_uid = text(ref, "ReferencedSOPInstanceUID") if ref is not None else ""
            if ref_uid:
                image_uids.add(ref_uid)
            out.append(Contour(gtype, pts.reshape(-1, 3), ref_uid))
    findings += chk.done()

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
