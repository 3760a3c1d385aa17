"""``plannerview roi-op PATH... --op union|intersect|subtract|xor|ring --a NAME [--b NAME]
[--inner-mm X --outer-mm Y] --name NEW --out RS.dcm``: Boolean operations and rings."""

from __future__ import annotations

import argparse

from ..model import Provenance
from ..review.structure_save import NewRoiMask
from ..version import __version__
from .cmd_contour import add_common_options, pick_inputs, report, roi_mask, write_new_structure_set
from .common import EXIT_OK, UsageError, check_output, load_case

OPS = ("union", "intersect", "subtract", "xor", "ring")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("roi-op", help="Boolean operation or ring of ROIs into a new RTSTRUCT")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--op", required=True, choices=OPS)
    p.add_argument("--a", required=True, metavar="NAME", help="first ROI (the ring's structure)")
    p.add_argument("--b", metavar="NAME", help="second ROI (Boolean operations)")
    p.add_argument("--inner-mm", type=float, default=0.0, help="ring: inner margin (mm; negative inside)")
    p.add_argument("--outer-mm", type=float, help="ring: outer margin (mm)")
    p.add_argument("--crop-to", metavar="ROI", help="keep the result inside this ROI (e.g. the body)")
    p.add_argument("--name", required=True, help="new ROI name")
    p.add_argument("--type", default="CONTROL", help="RT ROI interpreted type of the result (default CONTROL)")
    add_common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..compute.margins import boolean, crop_to, ring_mask

    if args.op == "ring":
        if args.outer_mm is None:
            raise UsageError("--op ring needs --outer-mm (and optionally --inner-mm)")
        if args.outer_mm <= args.inner_mm:
            raise UsageError(f"--outer-mm {args.outer_mm} must be larger than --inner-mm {args.inner_mm}")
    elif not args.b:
        raise UsageError(f"--op {args.op} needs --b NAME")
    case = load_case(args.paths)
    check_output(args.out, args.overwrite)
    ss, image = pick_inputs(case, args.structures, args.image)
    roi_a, a = roi_mask(ss, args.a, image)
    params: dict[str, object] = {"op": args.op, "a": roi_a.name}
    if args.op == "ring":
        out = ring_mask(a, image.grid, args.inner_mm, args.outer_mm)
        params.update(inner_mm=args.inner_mm, outer_mm=args.outer_mm)
    else:
        roi_b, b = roi_mask(ss, args.b, image)
        out = boolean(args.op, a, b)
        params["b"] = roi_b.name
    if args.crop_to:
        _, body = roi_mask(ss, args.crop_to, image)
        out = crop_to(out, body)
        params["crop_to"] = args.crop_to
    prov = Provenance(engine="plannerview.roi-op", version=__version__, parameters=params,
                      inputs=(ss.sop_uid if ss else "", image.series_uid))
    new = NewRoiMask(args.name, out, prov, args.type, roi_a.color_rgb, "SEMIAUTOMATIC", f"{args.op} of ROIs")
    doc = write_new_structure_set(args.out, image, ss, [new], args.label, args.holes, args.overwrite)
    report(doc, args.json)
    return EXIT_OK
