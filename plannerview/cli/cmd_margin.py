"""``plannerview margin PATH... --roi NAME (--mm 5 | --mm R,L,A,P,S,I) [--name NEW] [--method contour|voxel]
--out RS.dcm``.

Expansion (or contraction with a negative uniform margin, or ``--contract``) by an exact 3-D
distance; per-direction margins are patient directions (R, L, A, P, S, I). ``--method contour``
(the default when right = left = anterior = posterior) computes it from the contours at sub-voxel
resolution (``compute.contour_margins``); ``voxel`` grows the voxel mask (``compute.margins``), the
method for other per-direction margins.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from ..model import Provenance
from ..review.structure_save import NewRoiMask
from ..version import __version__
from .cmd_contour import add_common_options, pick_inputs, report, roi_mask, write_new_structure_set
from .common import EXIT_OK, UsageError, check_output, load_case


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("margin", help="grow or shrink an ROI by an exact 3-D margin into a new RTSTRUCT")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--roi", required=True, help="ROI to grow")
    p.add_argument("--mm", required=True,
                   help="margin in mm: one value (negative shrinks) or six R,L,A,P,S,I (e.g. 7,7,7,5,7,7)")
    p.add_argument("--contract", action="store_true", help="shrink by the (per-direction) margin")
    p.add_argument("--crop-to", metavar="ROI", help="keep the result inside this ROI (e.g. the body)")
    p.add_argument("--name", help="new ROI name (default: ROI+MM or ROI-MM)")
    p.add_argument("--type", default="", help="RT ROI interpreted type (default: the source ROI's)")
    p.add_argument("--method", choices=("contour", "voxel"),
                   help="contour: from the contours at sub-voxel resolution (default when the four in-plane "
                        "margins are equal); voxel: on the image's voxel mask (any per-direction margins)")
    add_common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..compute.margins import Margins, contract_mask, crop_to, expand_mask

    text = args.mm.strip()
    negative = text.startswith("-") and "," not in text
    try:
        margins = Margins.parse(text.lstrip("-") if negative else text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    shrink = negative or args.contract
    from ..compute.contour_margins import supports

    method = args.method or ("contour" if supports(margins) else "voxel")
    if method == "contour" and not supports(margins):
        raise UsageError("--method contour needs equal right, left, anterior and posterior margins; use --method voxel")
    case = load_case(args.paths)
    check_output(args.out, args.overwrite)
    ss, image = pick_inputs(case, args.structures, args.image)
    if method == "contour":
        return _run_contour(args, ss, image, margins, shrink, text)
    roi, mask = roi_mask(ss, args.roi, image)
    try:
        out = contract_mask(mask, image.grid, margins) if shrink else expand_mask(mask, image.grid, margins)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.crop_to:
        _, body = roi_mask(ss, args.crop_to, image)
        out = crop_to(out, body)
    sign = "-" if shrink else "+"
    default_name = f"{roi.name}{sign}{text.lstrip('-').replace(',', '_')}mm"
    prov = Provenance(engine="plannerview.margin", version=__version__,
                      parameters={"roi": roi.name, "margin_mm_RLAPSI": list(margins.as_tuple()),
                                  "operation": "contract" if shrink else "expand", "crop_to": args.crop_to,
                                  "method": "voxel: exact Euclidean distance between voxel centres"},
                      inputs=(ss.sop_uid if ss else "", image.series_uid))
    new = NewRoiMask(args.name or default_name, out, prov, args.type or roi.interpreted_type, roi.color_rgb,
                     "SEMIAUTOMATIC", f"{roi.name} {sign}{text.lstrip('-')} mm")
    doc = write_new_structure_set(args.out, image, ss, [new], args.label, args.holes, args.overwrite)
    report(doc, args.json)
    return EXIT_OK


def _run_contour(args: argparse.Namespace, ss, image, margins, shrink: bool, text: str) -> int:  # type: ignore[no-untyped-def]
    """The margin from the contours at sub-voxel resolution, on the image's slice planes."""
    from ..compute.contour_margins import margin_roi
    from ..review.structure_save import NewRoiContours

    roi = _named_roi(ss, args.roi)
    crop = _named_roi(ss, args.crop_to) if args.crop_to else None
    out_z = image.grid.axis_coords_mm()[0]
    new = margin_roi(roi, margins, out_z, 0, args.name or "", shrink=shrink, slice_uids=image.slice_sop_uids,
                     holes=args.holes, crop_to=crop)
    sign = "-" if shrink else "+"
    name = args.name or f"{roi.name}{sign}{text.lstrip('-').replace(',', '_')}mm"
    new = replace(new, name=name, interpreted_type=args.type or roi.interpreted_type)
    prov = Provenance(engine="plannerview.margin", version=__version__,
                      parameters={"roi": roi.name, "margin_mm_RLAPSI": list(margins.as_tuple()),
                                  "operation": "contract" if shrink else "expand", "crop_to": args.crop_to,
                                  "method": "contour: exact distances to the contours, shape-based "
                                            "interpolation between planes, sub-pixel tracing"},
                      inputs=(ss.sop_uid if ss else "", image.series_uid))
    new_roi = NewRoiContours(new, prov, "SEMIAUTOMATIC", f"{roi.name} {sign}{text.lstrip('-')} mm", roi.name)
    doc = write_new_structure_set(args.out, image, ss, [new_roi], args.label, args.holes, args.overwrite)
    doc["method"] = "contour"
    report(doc, args.json)
    return EXIT_OK


def _named_roi(ss, name: str):  # type: ignore[no-untyped-def]
    """An ROI with closed contours by name (as ``roi_mask`` finds it), without rasterising it."""
    if ss is None:
        raise UsageError("no structure set found in the input")
    try:
        roi = ss.roi(name)
    except KeyError:
        names = ", ".join(r.name for r in ss.rois)
        raise UsageError(f"no ROI named {name!r} in structure set {ss.label!r} ({ss.file}); ROIs: {names}") from None
    if not roi.planes:
        raise UsageError(f"ROI {roi.name!r} has no closed contours")
    return roi
