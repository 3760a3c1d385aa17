"""Mutation fuzzing of real multi-vendor DICOM-RT files through ``info``, ``dvh`` and ``goals``.

Used by the CI test (``tests/io/test_fuzz_inputs.py``, a reduced corpus) and the large campaign
(``benchmarks/fuzz_inputs.py``). A *scenario* is a small case copied from ``../shared/data`` or
``resources/demo``; a *run* mutates one file of a copy and runs the commands in a worker process
(in-process calls of ``plannerview.cli.main``, so no interpreter start per command; the worker is a
separate process so a segfault or a hang is seen, not suffered, and it is killed after a timeout).

Mutations:

- ``tag``: one element of the file (found by walking every sequence) gets a new value written as
  raw bytes (so values pydicom itself would refuse can be written). A mutation is *invalid* when no
  DICOM type, VR, VM or range can allow it: NaN, infinity, 1e30, text in a number, one value too
  few or too many, an invalid UID. Others (0, the opposite sign, twice or half the value, empty,
  deleted) are *uncertain*: valid for some tags and not for others.
- ``bytes``: bit flips, overwritten, inserted and deleted bytes.
- ``truncate``: the file cut at an offset.

The oracle, per run: no traceback, no exit code other than 0 or 2 (1 is the internal-error code of
these commands), no hang (timeout), an exit 2 of ``dvh``/``goals`` names the mutated file; and for
an invalid tag value, either the numbers printed (info, dvh, goals JSON, rounded to 6 significant
digits) are unchanged, or a new error or warning finding names the mutated file. A changed number
with no finding after an invalid value is a *silent change*, a failure. Uncertain values that change
numbers without a finding are counted ("changed, valid value") but are legitimate: a gantry angle of
90 instead of 45 is a different plan, not an error.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import multiprocessing as mp
import os
import random
import shutil
import signal
import struct
import sys
import time
import traceback
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydicom
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.tag import Tag

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
DEMO = REPO / "resources" / "demo"

TEXT_NUMERIC = {"DS", "IS"}
BINARY = {"US": "H", "SS": "h", "UL": "I", "SL": "i", "FL": "f", "FD": "d"}
SKIP_TAGS = {Tag("PixelData"), Tag("SpecificCharacterSet")}
CODE_KEYWORDS = {"DoseUnits", "DoseType", "DoseSummationType", "ContourGeometricType", "RadiationType",
                 "TreatmentDeliveryType", "RTBeamLimitingDeviceType", "DVHType", "DVHVolumeUnits",
                 "ScanMode", "GantryRotationDirection", "DoseReferenceType", "DoseReferenceStructureType",
                 "PhotometricInterpretation"}
UID_KEYWORDS = {"FrameOfReferenceUID", "ReferencedSOPInstanceUID", "SOPInstanceUID", "SeriesInstanceUID"}
INVALID_OPS = ("nan", "inf", "-inf", "huge", "text", "drop", "extra")
UNCERTAIN_OPS = ("zero", "negate", "double", "half", "plus1", "empty", "delete")
PROTOCOL_YAML = """\
name: fuzz_protocol
title: Fuzzing protocol (two ROIs of the case mapped to PTV and SpinalCord)
site: test
fractions: {fractions}
dose_per_fraction_gy: {dpf}
prescription_gy: {rx}
alpha_beta_gy: {{default: 3, PTV: 10}}
sources:
  T: test protocol for mutation fuzzing
goals:
  - {{roi: PTV, metric: "D95%", comparator: ">=", limit: {d95}, unit: Gy, citation: {{source: T, where: "-"}}, note: "-"}}
  - {{roi: PTV, metric: Dmean, comparator: "<", limit: {dmean_ptv}, unit: Gy, citation: {{source: T, where: "-"}}, note: "-"}}
  - {{roi: SpinalCord, metric: D0.035cc, comparator: "<", limit: {dmax_oar}, unit: Gy, citation: {{source: T, where: "-"}}, note: "-"}}
  - {{roi: SpinalCord, metric: Dmean, comparator: "<", limit: {dmean_oar}, unit: Gy, citation: {{source: T, where: "-"}}, note: "-"}}
"""


# --------------------------------------------------------------------------------------------------
# Scenarios: small multi-vendor cases, each file a copy of a real one
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scenario:
    name: str
    vendor: str
    files: tuple[Path, ...]  # copied into the case folder
    targets: tuple[str, ...]  # names of the files that get mutated
    dose: str | None = None  # dose file name for dvh (None: no dvh/goals)
    plan: str | None = None  # plan file name for goals


def scenarios(full: bool = True) -> list[Scenario]:
    """The scenarios whose sources exist here (the demo always; ../shared/data when present)."""
    out = [
        Scenario("demo-photon", "plannerview demo (TG-119, 7-field IMRT)",
                 (DEMO / "RD_Photon7F.dcm", DEMO / "RS_TG119.dcm", DEMO / "RP_Photon7F.dcm"),
                 ("RD_Photon7F.dcm", "RS_TG119.dcm", "RP_Photon7F.dcm"), "RD_Photon7F.dcm", "RP_Photon7F.dcm"),
        Scenario("demo-proton", "plannerview demo (IMPT)",
                 (DEMO / "RD_ProtonIMPT.dcm", DEMO / "RS_TG119.dcm", DEMO / "RN_ProtonIMPT.dcm"),
                 ("RD_ProtonIMPT.dcm", "RN_ProtonIMPT.dcm"), "RD_ProtonIMPT.dcm", "RN_ProtonIMPT.dcm"),
        Scenario("demo-ct", "plannerview demo CT", tuple(sorted((DEMO / "CT").glob("*.dcm")))[60:63],
                 ("CT_062.dcm",)),
    ]
    if not SHARED.is_dir():
        return out
    s = SHARED
    shared = [
        Scenario("pydicom", "pydicom fixtures (various)",
                 (s / "pydicom_rt/rtplan.dcm", s / "pydicom_rt/rtdose.dcm", s / "pydicom_rt/rtstruct.dcm",
                  s / "pydicom_rt/CT_small.dcm", s / "pydicom_rt/MR_small.dcm"),
                 ("rtplan.dcm", "rtdose.dcm", "rtstruct.dcm", "CT_small.dcm", "MR_small.dcm")),
        Scenario("aptg-raystation", "RayStation (PBS protons)",
                 (*sorted((s / "aptg_dcpt_proton/plan03_ramp_full").glob("RD*3000*.dcm")),
                  *sorted((s / "aptg_dcpt_proton/plan03_ramp_full").glob("RS*.dcm")),
                  s / "aptg_dcpt_proton/plan03_ramp_full/ramped_2Gy_ver2_full.dcm"),
                 ("RD1.2.752.243.1.1.20250523160113556.3000.73252.dcm",
                  "RS1.2.752.243.1.1.20250522124652761.2000.43711.dcm", "ramped_2Gy_ver2_full.dcm"),
                 "RD1.2.752.243.1.1.20250523160113556.3000.73252.dcm", "ramped_2Gy_ver2_full.dcm"),
        Scenario("aptg-eclipse", "Eclipse (PBS protons, plan only)",
                 tuple(sorted((s / "aptg_dcpt_proton/plan02_mono").glob("RN*.dcm"))),
                 tuple(p.name for p in sorted((s / "aptg_dcpt_proton/plan02_mono").glob("RN*.dcm")))),
        Scenario("brachy", "BrachyVision (HDR)",
                 tuple(sorted((s / "brachy_cylinder_hdr/Ex1").glob("*.dcm"))),
                 tuple(p.name for p in sorted((s / "brachy_cylinder_hdr/Ex1").glob("*.dcm"))),
                 next((p.name for p in (s / "brachy_cylinder_hdr/Ex1").glob("RD*.dcm")), None),
                 next((p.name for p in (s / "brachy_cylinder_hdr/Ex1").glob("RP*.dcm")), None)),
        Scenario("dicompyler", "breast boost (anonymised vendor)",
                 tuple(s / f"dicompyler_core_example/{n}" for n in ("rtdose.dcm", "rtss.dcm", "rtplan.dcm", "ct.0.dcm")),
                 ("rtdose.dcm", "rtss.dcm", "rtplan.dcm", "ct.0.dcm"), "rtdose.dcm", "rtplan.dcm"),
        Scenario("onko-lung", "Eclipse (IMRT) with CT",
                 (s / "onko_lung_imrt/RTPLAN_Hashed.dcm", s / "onko_lung_imrt/20191031-215249_m.dcm",
                  *[s / f"onko_lung_imrt/CT_{k}_Hashed.dcm" for k in (50, 51, 52)]),
                 ("RTPLAN_Hashed.dcm", "20191031-215249_m.dcm", "CT_51_Hashed.dcm")),
    ]
    out += [sc for sc in shared if all(p.is_file() for p in sc.files)]
    if not full:
        keep = {"demo-photon", "demo-proton", "demo-ct", "pydicom", "aptg-eclipse", "onko-lung"}
        out = [sc for sc in out if sc.name in keep]
    return out


# --------------------------------------------------------------------------------------------------
# Mutations
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Mutation:
    kind: str  # tag, bytes, truncate
    target: str  # file name within the scenario
    detail: str
    invalid: bool  # the oracle's "no silent change" applies
    seed: int = 0


@dataclass(frozen=True)
class Candidate:
    path: tuple[tuple[int, int], ...]  # (sequence tag, item index) from the top
    tag: int
    vr: str
    vm: int
    keyword: str


def _walk(ds: Dataset, path: tuple[tuple[int, int], ...], out: list[Candidate], depth: int = 0) -> None:
    for elem in ds:
        tag = int(elem.tag)
        if elem.tag in SKIP_TAGS or elem.tag.group in (0x0002,) or elem.tag.is_private:
            continue
        if elem.VR == "SQ":
            if depth < 8:
                for i, item in enumerate(elem.value):
                    _walk(item, (*path, (tag, i)), out, depth + 1)
            continue
        kw = elem.keyword or ""
        vr = str(elem.VR)
        if vr in TEXT_NUMERIC or vr in BINARY or kw in CODE_KEYWORDS or kw in UID_KEYWORDS:
            try:
                vm = int(elem.VM)
            except Exception:
                vm = 1
            out.append(Candidate(path, tag, vr, vm, kw))


def candidates(data: bytes) -> list[Candidate]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = pydicom.dcmread(io.BytesIO(data), force=True)
        out: list[Candidate] = []
        _walk(ds, (), out)
    return out


def _container(ds: Dataset, path: tuple[tuple[int, int], ...]) -> Dataset:
    for seq_tag, i in path:
        ds = ds[seq_tag].value[i]
    return ds


def _numbers(elem: Any) -> list[float]:
    v = elem.value
    if v is None or v == "":
        return []
    if isinstance(v, bytes):
        return []
    if not hasattr(v, "__len__") or isinstance(v, str):
        v = [v]
    out = []
    for x in v:
        try:
            out.append(float(x))
        except (TypeError, ValueError):
            out.append(1.0)
    return out


def _fmt(x: float, vr: str) -> str:
    if vr == "IS":
        return str(int(x)) if math.isfinite(x) else repr(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return f"{x:.10g}"[:16]


def _raw(values: list[float] | str, vr: str, little: bool) -> bytes:
    if isinstance(values, str):
        b = values.encode("latin-1")
    elif vr in BINARY:
        fmt = ("<" if little else ">") + BINARY[vr] * len(values)
        try:
            b = struct.pack(fmt, *[int(v) if BINARY[vr] in "HhIi" else v for v in values])
        except (struct.error, ValueError, OverflowError):
            b = b"\xff" * struct.calcsize(fmt)
    else:
        b = "\\".join(_fmt(v, vr) for v in values).encode("ascii")
    if len(b) % 2:
        b += b"\0" if vr == "UI" else b" "
    return b


def apply_tag(data: bytes, cand: Candidate, op: str) -> bytes:
    """The file with one element's value replaced (written as raw bytes, lengths recomputed)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = pydicom.dcmread(io.BytesIO(data), force=True)
        parent = _container(ds, cand.path)
        elem = parent[cand.tag]
        implicit, little = ds.original_encoding
        little = True if little is None else little
        vr = cand.vr
        if op == "delete":
            del parent[cand.tag]
        else:
            new: list[float] | str
            if vr in TEXT_NUMERIC or vr in BINARY:
                vals = _numbers(elem) or [1.0]
                integral = vr in ("IS", "US", "SS", "UL", "SL")
                new = {
                    "nan": [math.nan] * len(vals), "inf": [math.inf] + vals[1:], "-inf": [-math.inf] + vals[1:],
                    "huge": [1e30 if vr != "IS" else 99_999_999_999.0] + vals[1:],  # beyond the VR's range
                    "text": "abc", "drop": vals[:-1] if len(vals) > 1 else "",
                    "extra": [*vals, vals[-1]],
                    "zero": [0.0] * len(vals), "negate": [-v for v in vals], "double": [2 * v for v in vals],
                    "half": [v / 2 for v in vals], "plus1": [vals[0] + 1] + vals[1:], "empty": "",
                }[op]
                if integral and isinstance(new, list) and op in ("half",):
                    new = [float(int(v)) for v in new]
                if vr in BINARY and isinstance(new, str):
                    new = "" if op == "empty" else "abc"
            elif vr == "UI":
                new = {"text": "not.a-uid!", "empty": "", "huge": "1." + "9" * 80}.get(op, "1.2.3.4.5")
            else:  # code strings
                new = {"text": "NOT_A_TERM", "empty": ""}.get(op, "XYZ")
            raw = _raw(new, vr, little)
            parent._dict[Tag(cand.tag)] = RawDataElement(Tag(cand.tag), vr if not implicit else None, len(raw), raw,
                                                         0, implicit, little)
        buf = io.BytesIO()
        ds.save_as(buf)
    return buf.getvalue()


def invalid_op(cand: Candidate, op: str) -> bool:
    """Whether no DICOM type, VR, VM or range allows this value (see the module docstring)."""
    if op in ("nan", "inf", "-inf"):
        return cand.vr in TEXT_NUMERIC or cand.vr in ("FL", "FD")
    if op == "huge":  # 1e30 (DS, FL, FD), 99999999999 (IS: beyond its 32-bit range), an 82-character UID
        return cand.vr in TEXT_NUMERIC or cand.vr in ("FL", "FD", "UI")
    if op == "text":
        return cand.vr in TEXT_NUMERIC or cand.vr == "UI" or cand.keyword in CODE_KEYWORDS
    if op == "drop":  # one value too few (a single value dropped is an empty value: uncertain)
        return (cand.vr in TEXT_NUMERIC or cand.vr in BINARY) and cand.vm >= 2
    if op == "extra":  # one value too many: every numeric RT element has a fixed or stated multiplicity
        return cand.vr in TEXT_NUMERIC or cand.vr in BINARY
    return False


def _resaved(data: bytes) -> bytes:
    """The file re-encoded by pydicom without a change: the baseline every tag mutation is compared with."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = pydicom.dcmread(io.BytesIO(data), force=True)
        buf = io.BytesIO()
        ds.save_as(buf)
    return buf.getvalue()


def byte_mutation(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    buf = bytearray(data)
    ops = []
    for _ in range(rng.randint(1, 4)):
        if not buf:
            break
        pos = rng.randrange(len(buf))
        kind = rng.choice(("flip", "overwrite", "insert", "delete"))
        if kind == "flip":
            buf[pos] ^= 1 << rng.randrange(8)
        elif kind == "overwrite":
            n = rng.randint(1, 16)
            buf[pos:pos + n] = bytes(rng.randrange(256) for _ in range(n))
        elif kind == "insert":
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        else:
            del buf[pos:pos + rng.randint(1, 64)]
        ops.append(f"{kind}@{pos}")
    return bytes(buf), " ".join(ops)


def make_mutations(sc: Scenario, n_tag: int, n_bytes: int, n_trunc: int, seed: int = 0,
                   invalid_share: float = 0.6) -> list[tuple[Mutation, bytes]]:
    """Mutated copies of the scenario's target files (tag mutations spread over distinct tags)."""
    rng = random.Random(f"{sc.name}:{seed}")
    sources = {p.name: p.read_bytes() for p in sc.files}
    out: list[tuple[Mutation, bytes]] = []
    targets = list(sc.targets)
    for k in range(n_tag):
        name = targets[k % len(targets)]
        data = _resaved(sources[name])
        cands = candidates(data)
        if not cands:
            continue
        by_kw: dict[str, list[Candidate]] = {}
        for c in cands:
            by_kw.setdefault(c.keyword or hex(c.tag), []).append(c)
        kw = rng.choice(sorted(by_kw))
        cand = rng.choice(by_kw[kw])
        ops = [o for o in INVALID_OPS if invalid_op(cand, o)]
        op = rng.choice(ops) if ops and rng.random() < invalid_share else rng.choice(UNCERTAIN_OPS)
        try:
            mutated = apply_tag(data, cand, op)
        except Exception as exc:  # pydicom could not write this value: not a test of plannerview
            out.append((Mutation("skip", name, f"{kw} {op}: {exc}", False), b""))
            continue
        where = "/".join(f"{Tag(t).json_key}[{i}]" for t, i in cand.path)
        out.append((Mutation("tag", name, f"{where + '/' if where else ''}{kw or hex(cand.tag)} {op}",
                             invalid_op(cand, op)), mutated))
    for k in range(n_bytes):
        name = targets[k % len(targets)]
        mutated, ops_txt = byte_mutation(sources[name], rng)
        out.append((Mutation("bytes", name, ops_txt, False), mutated))
    for k in range(n_trunc):
        name = targets[k % len(targets)]
        data = sources[name]
        cut = rng.randrange(1, len(data))
        out.append((Mutation("truncate", name, f"cut at {cut} of {len(data)}", False), data[:cut]))
    return out


# --------------------------------------------------------------------------------------------------
# Running the commands (in a worker process)
# --------------------------------------------------------------------------------------------------
def _round(o: Any) -> Any:
    if isinstance(o, float):
        return float(f"{o:.6g}") if math.isfinite(o) else None
    if isinstance(o, dict):
        return {k: _round(v) for k, v in o.items()}
    if isinstance(o, list):
        return [_round(v) for v in o]
    return o


def fingerprint(command: str, doc: Any) -> Any:
    """The numbers of a command's JSON output (paths, timing, provenance and findings left out)."""
    if not isinstance(doc, dict):
        return None
    drop = {"findings", "file", "files", "load_seconds", "seconds", "provenance", "preflight", "preflight_errors",
            "time_utc", "warnings", "note", "cumulative", "sources"}

    def strip(o: Any) -> Any:
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items() if k not in drop}
        if isinstance(o, list):
            return [strip(v) for v in o]
        return o

    return _round(strip(doc))


def _run_one(argv: list[str], timeout_s: float) -> dict[str, Any]:
    from plannerview.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    t0 = time.perf_counter()
    rc: int | None = None
    crashed = ""

    def on_alarm(signum: int, frame: Any) -> None:
        raise TimeoutError(f"timeout after {timeout_s:g} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout_s)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(argv)
    except TimeoutError as exc:
        crashed = f"hang: {exc}"
    except SystemExit as exc:
        rc = int(exc.code or 0) if isinstance(exc.code, int) else 2
    except BaseException:  # noqa: BLE001 - anything escaping main is a crash
        crashed = traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    return {"rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue(), "crashed": crashed,
            "seconds": time.perf_counter() - t0}


def _worker(conn: Any, mem_bytes: int) -> None:
    import resource

    if mem_bytes:  # on top of what the forked process maps already (Qt and VTK when GUI tests ran first)
        with contextlib.suppress(ValueError, OSError):
            with open("/proc/self/statm") as fh:
                mapped = int(fh.read().split()[0]) * resource.getpagesize()
            limit = mapped + mem_bytes
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.environ.setdefault("PLANNERVIEW_USER", "-")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        results = [_run_one(argv, job["timeout"]) for argv in job["commands"]]
        conn.send(results)


class Runner:
    """A worker process running command lists; killed and restarted on a hang or a crash."""

    def __init__(self, timeout_s: float = 60.0, mem_bytes: int = 3 * 2**30) -> None:
        self.timeout_s = timeout_s
        self.mem_bytes = mem_bytes
        self.ctx = mp.get_context("fork")
        self.proc: Any = None
        self.conn: Any = None

    def _start(self) -> None:
        parent, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child, self.mem_bytes), daemon=True)
        self.proc.start()
        self.conn = parent

    def run(self, commands: list[list[str]]) -> list[dict[str, Any]]:
        if self.proc is None or not self.proc.is_alive():
            self._start()
        self.conn.send({"commands": commands, "timeout": self.timeout_s})
        limit = self.timeout_s * len(commands) + 30.0
        if self.conn.poll(limit):
            try:
                return self.conn.recv()
            except EOFError:
                pass
        # no answer: stuck in native code, or the process died (segfault, abort, out of memory)
        code = self.proc.exitcode
        self.close(kill=True)
        why = f"worker died (exit code {code})" if code is not None else f"no answer after {limit:.0f} s"
        return [{"rc": None, "stdout": "", "stderr": "", "crashed": f"{'hang' if code is None else 'crash'}: {why}",
                 "seconds": limit} for _ in commands]

    def close(self, kill: bool = False) -> None:
        if self.proc is None:
            return
        if kill:
            self.proc.kill()
        else:
            with contextlib.suppress(Exception):
                self.conn.send(None)
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.proc = None


# --------------------------------------------------------------------------------------------------
# Cases, baselines and the oracle
# --------------------------------------------------------------------------------------------------
@dataclass
class Baseline:
    commands: list[list[str]]
    prints: list[Any]
    rcs: list[int | None]
    findings: set[tuple[str, str, str]]


@dataclass
class Outcome:
    scenario: str
    mutation: Mutation
    verdict: str  # crash, hang, unexplained-exit, silent-change, detected, unchanged, changed-warning, changed-valid
    detail: str = ""
    seconds: float = 0.0


@dataclass
class Campaign:
    workdir: Path
    runner: Runner
    with_commands: tuple[str, ...] = ("info", "dvh", "goals")
    outcomes: list[Outcome] = field(default_factory=list)
    baselines: dict[tuple[str, str], Baseline] = field(default_factory=dict)

    def case_dir(self, sc: Scenario, tag: str) -> Path:
        d = self.workdir / f"{sc.name}-{tag}"
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
        for p in sc.files:
            shutil.copyfile(p, d / p.name)
        return d

    def commands(self, sc: Scenario, case: Path, rois: list[str], fractions: int, rx: float) -> list[list[str]]:
        cmds = [["info", "--json", str(case)]] if "info" in self.with_commands else []
        if sc.dose and rois and "dvh" in self.with_commands:
            cmds.append(["dvh", str(case), "--dose", sc.dose, "--roi", *rois, "--json"])
        if sc.dose and sc.plan and len(rois) >= 2 and "goals" in self.with_commands:
            proto = self.workdir / f"{sc.name}-protocol.yaml"
            roimap = self.workdir / f"{sc.name}-roimap.yaml"
            if not proto.exists():
                d = max(rx, 1.0)
                proto.write_text(PROTOCOL_YAML.format(fractions=fractions, dpf=d / fractions, rx=d, d95=0.95 * d,
                                                      dmean_ptv=1.1 * d, dmax_oar=0.8 * d, dmean_oar=0.3 * d))
                roimap.write_text(json.dumps({rois[0]: "PTV", rois[1]: "SpinalCord"}))
            cmds.append(["goals", str(case), "--plan", sc.plan, "--dose", sc.dose, "--protocol", str(proto),
                         "--roi-map", str(roimap), "--json"])
        return cmds

    def baseline(self, sc: Scenario, target: str) -> Baseline:
        key = (sc.name, target)
        if key in self.baselines:
            return self.baselines[key]
        case = self.case_dir(sc, "base")
        (case / target).write_bytes(_resaved((case / target).read_bytes()))
        info = self.runner.run([["info", "--json", str(case)]])[0]
        doc = json.loads(info["stdout"]) if info["rc"] == 0 else {}
        rois, fractions, rx = _pick_rois(doc, sc)
        cmds = self.commands(sc, case, rois, fractions, rx)
        res = self.runner.run(cmds)
        base = Baseline([[a.replace(str(case), "{case}") for a in c] for c in cmds],
                        [fingerprint(c[0], _json(r["stdout"])) for c, r in zip(cmds, res, strict=True)],
                        [r["rc"] for r in res], _findings(res, case))
        bad = [r for r in res if r["crashed"] or r["rc"] not in (0,)]
        if bad and sc.dose:
            raise RuntimeError(f"baseline of {sc.name}/{target} fails: {bad[0]['stderr'][-500:] or bad[0]['crashed']}")
        self.baselines[key] = base
        return base

    def run(self, sc: Scenario, mutation: Mutation, data: bytes) -> Outcome:
        if mutation.kind == "skip":
            oc = Outcome(sc.name, mutation, "skipped", mutation.detail)
            self.outcomes.append(oc)
            return oc
        base = self.baseline(sc, mutation.target)
        case = self.case_dir(sc, "run")
        (case / mutation.target).write_bytes(data)
        cmds = [[a.replace("{case}", str(case)) for a in c] for c in base.commands]
        t0 = time.perf_counter()
        res = self.runner.run(cmds)
        oc = self.judge(sc, mutation, base, cmds, res, case)
        oc.seconds = time.perf_counter() - t0
        self.outcomes.append(oc)
        return oc

    def judge(self, sc: Scenario, m: Mutation, base: Baseline, cmds: list[list[str]], res: list[dict[str, Any]],
              case: Path) -> Outcome:
        for c, r in zip(cmds, res, strict=True):
            if r["crashed"].startswith("hang"):
                return Outcome(sc.name, m, "hang", f"{c[0]}: {r['crashed']}")
            if r["crashed"]:
                return Outcome(sc.name, m, "crash", f"{c[0]}: {r['crashed'][-1500:]}")
            if "Traceback (most recent call last)" in r["stderr"] or r["rc"] not in (0, 2):
                return Outcome(sc.name, m, "crash", f"{c[0]} exit {r['rc']}: {r['stderr'][-1500:]}")
            if r["rc"] == 2 and c[0] in ("dvh", "goals") and m.target not in r["stderr"]:
                return Outcome(sc.name, m, "unexplained-exit", f"{c[0]}: {r['stderr'][-600:]}")
        prints = [fingerprint(c[0], _json(r["stdout"])) for c, r in zip(cmds, res, strict=True)]
        changed = prints != base.prints or [r["rc"] for r in res] != base.rcs
        new = _findings(res, case) - base.findings
        on_target = {f for f in new if f[2] == m.target}
        errors = {f for f in on_target if f[1] == "error"}
        if errors:
            return Outcome(sc.name, m, "detected", ", ".join(sorted({f[0] for f in errors})))
        refused = [c[0] for c, r, rc0 in zip(cmds, res, base.rcs, strict=True)
                   if r["rc"] == 2 and rc0 != 2 and m.target in r["stderr"]]
        if refused:  # the command stopped with a message naming the file (e.g. nothing usable left)
            return Outcome(sc.name, m, "detected", f"exit 2 naming the file ({', '.join(refused)})")
        if not changed:
            return Outcome(sc.name, m, "unchanged", ", ".join(sorted({f[0] for f in on_target})))
        if on_target:
            return Outcome(sc.name, m, "changed-warning", ", ".join(sorted({f[0] for f in on_target})))
        if m.kind == "tag" and m.invalid:
            diff = _first_diff(base.prints, prints)
            return Outcome(sc.name, m, "silent-change", diff)
        return Outcome(sc.name, m, "changed-valid", _first_diff(base.prints, prints))


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _findings(res: list[dict[str, Any]], case: Path) -> set[tuple[str, str, str]]:
    """(code, severity, file name) of the findings in info's JSON and the commands' preflight."""
    out: set[tuple[str, str, str]] = set()
    for r in res:
        doc = _json(r["stdout"])
        if not isinstance(doc, dict):
            continue
        for f in list(doc.get("findings") or []) + list(doc.get("preflight") or []):
            name = Path(str(f.get("file", ""))).name
            out.add((str(f.get("code")), str(f.get("severity")), name))
    return out


def _first_diff(a: Any, b: Any, path: str = "") -> str:
    if type(a) is not type(b):
        return f"{path}: {str(a)[:80]} -> {str(b)[:80]}"
    if isinstance(a, dict):
        for k in a.keys() | b.keys():
            if a.get(k) != b.get(k):
                return _first_diff(a.get(k), b.get(k), f"{path}.{k}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items -> {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return _first_diff(x, y, f"{path}[{i}]")
    return f"{path}: {str(a)[:80]} -> {str(b)[:80]}"


def _pick_rois(info: dict[str, Any], sc: Scenario) -> tuple[list[str], int, float]:
    """Two small ROIs with volume (fast DVHs), and the plan's fractions and prescription."""
    rois: list[tuple[float, str]] = []
    fractions, rx = 1, 0.0
    for p in info.get("patients", []):
        for st in p.get("studies", []):
            for fr in st.get("frames_of_reference", []):
                for ss in fr.get("structure_sets", []):
                    rois += [(r["volume_cc"], r["name"]) for r in ss["rois"]
                             if r.get("volume_cc") and r["volume_cc"] >= 0.5 and "CLOSED_PLANAR" in r.get("geometry", [])
                             and r["name"].strip() == r["name"] and r["name"]]
                for pl in fr.get("plans", []):
                    if sc.plan and Path(pl.get("file", "")).name == sc.plan:
                        fractions = int(pl.get("fractions") or 1)
                        rx = float(pl.get("prescription_gy") or 0.0)
    for d in _doses(info):
        if sc.dose and Path(d.get("file", "")).name == sc.dose and not rx:
            rx = float(d.get("max_gy") or 1.0) / 1.1
    names = [n for _, n in sorted(rois)][:2]
    return names, max(1, fractions), rx


def _doses(info: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for p in info.get("patients", []):
        for st in p.get("studies", []):
            for fr in st.get("frames_of_reference", []):
                out += fr.get("doses", [])
    return out


VERDICTS = ("crash", "hang", "unexplained-exit", "silent-change", "detected", "unchanged", "changed-warning",
            "changed-valid", "skipped")


def table(outcomes: list[Outcome]) -> str:
    """The README table: one row per mutation kind, columns per verdict."""
    rows = []
    kinds = ["tag (invalid value)", "tag (uncertain value)", "bytes", "truncate"]

    def kind_of(o: Outcome) -> str:
        if o.mutation.kind == "tag":
            return "tag (invalid value)" if o.mutation.invalid else "tag (uncertain value)"
        return o.mutation.kind

    header = ("| mutation | runs | crashes | hangs | exit 2 not naming the file | silent changes | error finding "
              "| unchanged | changed + warning | changed (valid value) |")
    rows.append(header)
    rows.append("|" + "---|" * 10)
    total: Counter[str] = Counter()
    for k in kinds:
        sel = [o for o in outcomes if kind_of(o) == k]
        c = Counter(o.verdict for o in sel)
        total.update(c)
        total["runs"] += len(sel)
        rows.append(f"| {k} | {len(sel)} | {c['crash']} | {c['hang']} | {c['unexplained-exit']} | {c['silent-change']} "
                    f"| {c['detected']} | {c['unchanged']} | {c['changed-warning']} | {c['changed-valid']} |")
    rows.append(f"| **all** | {total['runs']} | {total['crash']} | {total['hang']} | {total['unexplained-exit']} "
                f"| {total['silent-change']} | {total['detected']} | {total['unchanged']} | {total['changed-warning']} "
                f"| {total['changed-valid']} |")
    return "\n".join(rows)


def main_guard() -> None:  # pragma: no cover - for ad-hoc use: python -m tests.fuzzing
    print(table([]), file=sys.stderr)
