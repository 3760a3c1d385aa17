"""Spatial registration objects (REG): read them, and place an image on another frame."""

from __future__ import annotations

import dataclasses

import numpy as np

from ..model.findings import Finding, Severity
from ..model.geometry import Grid
from ..model.image import ImageVolume
from ..model.registration import Registration
from ..model.text import QT_TRANSLATE_NOOP, Msg
from . import codes
from .dicom_values import common_fields, first, floats, seq, text
from .scan import Item


def read_registrations(item: Item) -> tuple[list[Registration], list[Finding]]:
    """One Registration per moving frame in the REG's RegistrationSequence.

    Per PS3.3 C.20.2, each item's matrix maps its own frame of reference into the REG's frame of
    reference (the fixed, "registered" frame).
    """
    ds = item.dataset
    fields = common_fields(ds, item.path)
    fixed = fields["frame_of_reference_uid"]
    regs: list[Registration] = []
    findings: list[Finding] = []
    for r in seq(ds, "RegistrationSequence"):
        moving = text(r, "FrameOfReferenceUID")
        mreg = first(r, "MatrixRegistrationSequence")
        mseq = first(mreg, "MatrixSequence") if mreg is not None else None
        values = floats(mseq, "FrameOfReferenceTransformationMatrix") if mseq is not None else None
        if not moving or values is None or len(values) != 16:
            continue
        mtype = text(mseq, "FrameOfReferenceTransformationMatrixType") if mseq is not None else "RIGID"
        matrix = values.reshape(4, 4)
        if moving == fixed:
            if not np.allclose(matrix, np.eye(4), atol=1e-6):
                findings.append(Finding(codes.IO_UNSUPPORTED, Severity.WARNING,
                                        Msg(QT_TRANSLATE_NOOP("Findings", "REG maps its own frame of reference with a non-identity matrix; "
                                                              "ignored")),
                                        fields["sop_uid"], item.path))
            continue
        if mtype.upper() not in ("RIGID", "RIGID_SCALE", ""):
            findings.append(Finding(codes.IO_UNSUPPORTED, Severity.WARNING,
                                    Msg(QT_TRANSLATE_NOOP("Findings", "REG matrix type {type} is not rigid; not applied"), type=mtype), fields["sop_uid"], item.path))
            continue
        regs.append(Registration(**fields, moving_frame_uid=moving, matrix=matrix, matrix_type=mtype or "RIGID"))
    return regs, findings


def place_on_frame(image: ImageVolume, reg: Registration) -> ImageVolume:
    """The same image, its grid mapped rigidly into the registration's fixed frame.

    Voxels are shared (no resampling): the new grid's origin and direction are the old ones
    mapped through the matrix, so the image can be drawn or resampled in the fixed frame.
    """
    if image.frame_of_reference_uid != reg.moving_frame_uid:
        raise ValueError("the registration does not start from this image's frame of reference")
    rot = reg.matrix[:3, :3]
    g = image.grid
    grid = Grid(
        shape_zyx=g.shape_zyx,
        spacing_mm=g.spacing_mm,
        origin_mm=tuple(reg.map_points(np.asarray(g.origin_mm))),
        direction=rot @ g.direction,
        frame_of_reference_uid=reg.frame_of_reference_uid,
    )
    return dataclasses.replace(image, grid=grid, frame_of_reference_uid=reg.frame_of_reference_uid)
