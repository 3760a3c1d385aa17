"""``plannerview info PATH... [--json]``: what is in the input, and what preflight found."""

from __future__ import annotations

import argparse
from typing import Any

from ..review.summary import case_json
from .common import EXIT_OK, esc, load_case, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("info", help="list patients, images, structures, plans, doses and preflight findings")
    p.add_argument("paths", nargs="+", metavar="PATH", help="DICOM files, folders or zip archives")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    case = load_case(args.paths)
    doc = case_json(case)
    if args.json:
        print_json(doc)
    else:
        print(render_tree(doc))
    return EXIT_OK


def _fmt(v: Any, unit: str = "") -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:g}{unit}"
    return f"{v}{unit}"


def render_tree(doc: dict[str, Any]) -> str:
    lines: list[str] = []
    for p in doc["patients"]:
        lines.append(f"Patient {esc(repr(p['id']))}  {esc(p['name'])}")
        for st in p["studies"]:
            lines.append(f"  Study {esc(st['uid'])}")
            for fr in st["frames_of_reference"]:
                lines.append(f"    Frame of reference {esc(fr['uid']) or '(none)'}")
                for img in fr["images"]:
                    z, y, x = img["shape_zyx"]
                    dz, dy, dx = img["spacing_mm"]
                    lines.append(f"      {img['modality']} {x} x {y} x {z} voxels (x, y, z) @ {dx:g} x {dy:g} x {dz:g} mm, "
                                 f"{esc(img['patient_position']) or '?'}  series {esc(img['series_uid'])}")
                for ss in fr["structure_sets"]:
                    lines.append(f"      Structure set {esc(repr(ss['label']))}: {len(ss['rois'])} ROIs  ({esc(ss['file'])})")
                    for r in ss["rois"]:
                        lines.append(f"        {r['number']:>3} {esc(r['name']):<24} {esc(r['type']) or '-':<12} "
                                     f"{r['contours']:>4} contours  {_fmt(r['volume_cc'], ' cc')}")
                for pl in fr["plans"]:
                    rx = _fmt(pl["prescription_gy"], " " + pl["dose_unit"])
                    lines.append(f"      Plan {esc(repr(pl['label']))} ({pl['kind']}, {esc(pl['approval']) or 'no approval status'}): "
                                 f"Rx {rx} in {_fmt(pl['fractions'])} fx  ({esc(pl['file'])})")
                    if pl.get("channels") is not None:
                        ak = pl["source_air_kerma_rate_u"]
                        lines.append(f"        source {esc(pl['brachy_source']) or '?'}"
                                     + (f", {ak:g} U on {esc(pl['source_reference_date'])}" if ak else "")
                                     + f"; {len(pl['channels'])} channels, total dwell time {_fmt(pl['total_dwell_time_s'], ' s')}")
                        for c in pl["channels"]:
                            if c["active_dwells"]:
                                lines.append(f"        channel {c['number']:>2} {esc(c['applicator']):<16} {c['active_dwells']:>3} "
                                             f"dwells, {_fmt(c['total_time_s'], ' s')}")
                        idle = sum(1 for c in pl["channels"] if not c["active_dwells"])
                        if idle:
                            lines.append(f"        ({idle} channels without dwell time)")
                    for b in pl["beams"]:
                        arc = f" -> {b['gantry_stop_deg']:g} {b['arc_direction']}" if b["gantry_stop_deg"] is not None else ""
                        kind = (f"{esc(b['radiation']):<8} {esc(b['energy_label']):<13}" if b["radiation"] and b["energy_label"]
                                else f"{'no radiation data':<22}" if not b["radiation"]
                                else f"{esc(b['radiation']):<8} {'no energy':<13}")
                        lines.append(f"        beam {b['number']:>2} {esc(b['name']):<16} {kind} "
                                     f"gantry {_fmt(b['gantry_deg'])}{arc}  MU {_fmt(b['meterset'])}"
                                     f"{'' if b['treatment'] else '  (no dose)'}")
                for d in fr["doses"]:
                    z, y, x = d["shape_zyx"]
                    dz, dy, dx = d["spacing_mm"]
                    lines.append(f"      Dose {esc(repr(d['title']))}: {d['type']}, "
                                 f"{x} x {y} x {z} voxels (x, y, z) @ {dx:g} x {dy:g} x {dz:g} mm, "
                                 f"max {_fmt(d['max_gy'], ' ' + d['value_unit'])}"
                                 f"{', TPS DVHs' if d['has_tps_dvh'] else ''}  ({esc(d['file'])})")
    findings = doc["findings"]
    lines.append("")
    lines.append(f"Preflight: {len(findings)} finding(s)" if findings else "Preflight: no findings")
    for f in findings:
        lines.append(f"  [{f['severity'].upper():7}] {f['code']}: {esc(f['message'])}  ({esc(f['file'])})")
    return "\n".join(lines)
