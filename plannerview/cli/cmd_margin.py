"""``plannerview margin PATH... --roi NAME (--mm 5 | --mm R,L,A,P,S,I) [--name NEW] --out RS.dcm``.

Expansion (or contraction with a negative uniform margin, or ``--contract``) by an exact 3-D
distance; per-direction margins are patient directions (R, L, A, P, S, I).
"""

from __future__ import annotations

import argparse

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
    case = load_case(args.paths)
    check_output(args.out, args.overwrite)
    ss, image = pick_inputs(case, args.structures, args.image)
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
                                  "method": "exact Euclidean distance between voxel centres"},
                      inputs=(ss.sop_uid if ss else "", image.series_uid))
    new = NewRoiMask(args.name or default_name, out, prov, args.type or roi.interpreted_type, roi.color_rgb,
                     "SEMIAUTOMATIC", f"{roi.name} {sign}{text.lstrip('-')} mm")
    doc = write_new_structure_set(args.out, image, ss, [new], args.label, args.holes, args.overwrite)
    report(doc, args.json)
    return EXIT_OK
