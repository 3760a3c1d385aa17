"""Find DICOM objects in files, folders and zip archives, and classify them.

Files are read with pydicom (``force=True`` so files without the Part-10 header load too). A file
that is not DICOM, is truncated or lacks the tags needed to place it becomes a finding naming the
file; the rest of the input still loads. Input files are only ever opened for reading.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

from ..model.findings import Finding, Severity
from ..model.messages import user_message
from ..model.text import QT_TRANSLATE_NOOP, Msg
from . import codes
from .integrity import walk, walk_file
from .limits import Limits
from .safe_write import note_input

# Standard SOP classes (PS3.4 Annex B).
CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2"
ENHANCED_CT = "1.2.840.10008.5.1.4.1.1.2.1"
MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4"
PET_IMAGE = "1.2.840.10008.5.1.4.1.1.128"
RT_DOSE = "1.2.840.10008.5.1.4.1.1.481.2"
RT_STRUCT = "1.2.840.10008.5.1.4.1.1.481.3"
RT_PLAN = "1.2.840.10008.5.1.4.1.1.481.5"
RT_ION_PLAN = "1.2.840.10008.5.1.4.1.1.481.8"
SPATIAL_REG = "1.2.840.10008.5.1.4.1.1.66.1"

IMAGE_MODALITIES = {"CT", "MR", "PT"}
DEFER_BYTES = 256 * 1024
PADDING_TOLERANCE = 64 * 1024  # trailing zero bytes read along with the data set
MAX_PADDED_READ = 512 * 1024 * 1024  # a padded file's data part is read into memory up to this size
_STANDARD_KIND = {
    CT_IMAGE: "IMAGE",
    MR_IMAGE: "IMAGE",
    PET_IMAGE: "IMAGE",
    RT_DOSE: "RTDOSE",
    RT_STRUCT: "RTSTRUCT",
    RT_PLAN: "RTPLAN",
    RT_ION_PLAN: "RTPLAN",
    SPATIAL_REG: "REG",
}
# Extensions that are never DICOM: skipped quietly (a README beside the files is normal).
_NOT_DICOM_EXT = {
    ".md", ".txt", ".json", ".yaml", ".yml", ".npz", ".npy", ".py", ".png", ".jpg", ".jpeg",
    ".csv", ".html", ".pdf", ".xml", ".log", ".toml", ".mat",
}


@dataclass
class Item:
    """One readable DICOM object: its dataset (pixel data included) and where it came from."""

    dataset: Dataset
    path: str  # file path, or "archive.zip/member" for zip members
    kind: str  # IMAGE, RTSTRUCT, RTPLAN, RTDOSE, REG
    private_class: bool = False
    incomplete: str = ""  # what is missing when the file's structure ends early (truncated)


class Refused(Exception):
    """A source that is not read: the message says why (limits, damaged archive member ...)."""


Opener = Callable[[], "io.BytesIO | str"]


def iter_sources(paths: list[str], limits: Limits | None = None,
                 archives: list[zipfile.ZipFile] | None = None) -> Iterator[tuple[str, Opener] | Finding]:
    """Yield (label, opener) for every candidate file below ``paths`` (zip members included), or a
    Finding for what is skipped (unreadable or too deeply nested folders, files that are not regular
    files or exceed the limits, damaged zip archives). Folders are walked iteratively in sorted
    order; hidden names are skipped; links to folders are not followed. Each file opened is noted
    as an input (writers never replace it). Zip archives stay open (appended to ``archives``) until
    the caller closes them, after reading their members."""
    lim = limits or Limits.from_env()
    archives = _OPEN_ARCHIVES if archives is None else archives
    count = 0
    for p in paths:
        if os.path.isdir(p):  # a folder named on the command line is searched even through a link
            for entry in _walk(p, lim):
                if isinstance(entry, Finding):
                    yield entry
                    continue
                for src in _file_sources(entry, lim, archives):
                    if not isinstance(src, Finding):
                        count += 1
                        if count > lim.max_files:
                            yield Finding(codes.IO_SKIPPED, Severity.WARNING,
                                          Msg(QT_TRANSLATE_NOOP("Findings", "more than {count:,} files below the inputs: the rest were not read"), count=lim.max_files),
                                          file=str(p))
                            return
                    yield src
        elif os.path.lexists(p):
            yield from _file_sources(str(p), lim, archives)


def _walk(root: str, lim: Limits) -> Iterator[str | Finding]:
    """Files below ``root`` (sorted, depth first), without recursion, with findings for what is skipped."""
    stack: list[tuple[str, int]] = [(str(root), 0)]
    too_deep: list[str] = []
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Finding(codes.IO_UNREADABLE, Severity.WARNING,
                          Msg(QT_TRANSLATE_NOOP("Findings", "folder cannot be read ({why}); its files were not loaded"), why=exc.strerror or str(exc)), file=folder)
            continue
        subdirs = []
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                is_link = e.is_symlink()
                is_dir = e.is_dir(follow_symlinks=False)
            except OSError:
                is_link, is_dir = False, False
            if is_dir:
                if depth + 1 > lim.max_depth:
                    if not too_deep:
                        yield Finding(codes.IO_SKIPPED, Severity.WARNING,
                                      Msg(QT_TRANSLATE_NOOP("Findings", "folders nested more than {depth} levels below {root} were not searched"),
                                          depth=lim.max_depth, root=root),
                                      file=e.path)
                    too_deep.append(e.path)
                    continue
                subdirs.append(e.path)
            elif is_link and os.path.isdir(e.path):
                yield Finding(codes.IO_SKIPPED, Severity.INFO, Msg(QT_TRANSLATE_NOOP("Findings", "link to a folder: not followed")), file=e.path)
            else:
                yield e.path
        stack.extend((d, depth + 1) for d in reversed(subdirs))


def _file_sources(path: str, lim: Limits, archives: list[zipfile.ZipFile]) -> Iterator[tuple[str, Opener] | Finding]:
    try:
        st = os.stat(path)
    except OSError as exc:
        # the reason is a value, like the system's own (English) reasons: "target" here is not the glossary's
        why = "a link whose target does not exist" if os.path.islink(path) else (exc.strerror or str(exc))
        yield Finding(codes.IO_UNREADABLE, Severity.WARNING, Msg(QT_TRANSLATE_NOOP("Findings", "cannot be read: {why}"),
                                                                 why=why), file=path)
        return
    if not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            return
        yield Finding(codes.IO_SKIPPED, Severity.WARNING,
                      Msg(QT_TRANSLATE_NOOP("Findings", "not a regular file (a device, pipe or socket, or a link to one); not read")), file=path)
        return
    if Path(path).suffix.lower() in _NOT_DICOM_EXT:
        return
    if st.st_size > lim.max_file_bytes:
        yield Finding(codes.IO_SKIPPED, Severity.WARNING,
                      Msg(QT_TRANSLATE_NOOP("Findings", "file of {size:,.0f} MiB exceeds the {limit:,.0f} MiB limit for one file; not read"),
                          size=st.st_size / 2**20, limit=lim.max_file_bytes / 2**20), file=path)
        return
    note_input(path)
    if path.lower().endswith(".zip"):
        yield from _zip_sources(path, lim, archives)
        return
    yield path, lambda: path


class _Budget:
    def __init__(self, total: int) -> None:
        self.remaining = total


def _zip_sources(path: str, lim: Limits, archives: list[zipfile.ZipFile]) -> Iterator[tuple[str, Opener] | Finding]:
    """Members of a zip archive, opened once (linear in the number of members), with bounded sizes."""
    try:
        zf = zipfile.ZipFile(path)  # noqa: SIM115 - stays open while its members are read
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        yield Finding(codes.IO_CORRUPT, Severity.WARNING, Msg(QT_TRANSLATE_NOOP("Findings", "damaged zip archive: {why}; not read"), why=str(exc)), file=path)
        return
    archives.append(zf)
    members = [m for m in infos if not m.is_dir() and not _hidden_member(m.filename)]
    if len(members) > lim.max_zip_members:
        yield Finding(codes.IO_SKIPPED, Severity.WARNING,
                      Msg(QT_TRANSLATE_NOOP("Findings", "zip archive holds {count:,} members; only the first {limit:,} were read"),
                          count=len(members), limit=lim.max_zip_members),
                      file=path)
        members = members[: lim.max_zip_members]
    budget = _Budget(lim.max_zip_total_bytes)
    for m in members:
        label = f"{path}/{m.filename}"
        if Path(m.filename).suffix.lower() in _NOT_DICOM_EXT:
            continue

        def opener(m: zipfile.ZipInfo = m, label: str = label) -> io.BytesIO:
            return io.BytesIO(_read_member(zf, m, label, budget, lim))

        yield label, opener


def _hidden_member(name: str) -> bool:
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    return any(p.startswith(".") for p in parts) or (bool(parts) and parts[0] == "__MACOSX")


def _read_member(zf: zipfile.ZipFile, m: zipfile.ZipInfo, label: str, budget: _Budget, lim: Limits) -> bytes:
    """A member's bytes, refused when it is encrypted or exceeds the size or compression-ratio limits
    (checked on the sizes the archive declares and again on the bytes actually inflated)."""
    if m.flag_bits & 0x1:
        raise Refused(Msg(QT_TRANSLATE_NOOP("Findings", "encrypted zip member; not read")))
    limit = min(lim.max_file_bytes, budget.remaining)
    if budget.remaining <= 0:
        raise Refused(Msg(QT_TRANSLATE_NOOP("Findings", "the archive's members exceed {limit:,.0f} MiB uncompressed in total; "
                                            "not read (zip bomb?)"), limit=lim.max_zip_total_bytes / 2**20))
    if m.file_size > limit:
        raise Refused(Msg(QT_TRANSLATE_NOOP("Findings", "member of {size:,.0f} MiB uncompressed exceeds the limit ({left:,.0f} "
                                            "MiB left of the archive's budget); not read"),
                          size=m.file_size / 2**20, left=limit / 2**20))

    def ratio_ok(n: int) -> bool:
        return n <= lim.zip_ratio_floor_bytes or n <= lim.max_zip_ratio * max(1, m.compress_size)

    if not ratio_ok(m.file_size):
        raise Refused(Msg(QT_TRANSLATE_NOOP("Findings", "member declares a compression ratio above {ratio}:1; not read (zip "
                                            "bomb?)"), ratio=lim.max_zip_ratio))
    chunks: list[bytes] = []
    n = 0
    with zf.open(m) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            n += len(chunk)
            if n > limit or not ratio_ok(n):
                raise Refused(Msg(QT_TRANSLATE_NOOP("Findings", "member inflates beyond its declared size, the size limit or a "
                                                    "{ratio}:1 compression ratio; not read (zip bomb?)"),
                                  ratio=lim.max_zip_ratio))
            chunks.append(chunk)
    budget.remaining -= n
    return b"".join(chunks)


_OPEN_ARCHIVES: list[zipfile.ZipFile] = []  # when the caller of iter_sources passes no list of its own


def close_archives(archives: list[zipfile.ZipFile] | None = None) -> None:
    """Close the zip archives opened while listing sources (the loader calls it when done)."""
    archives = _OPEN_ARCHIVES if archives is None else archives
    while archives:
        with contextlib.suppress(Exception):
            archives.pop().close()


def classify(ds: Dataset) -> tuple[str | None, bool]:
    """Kind of object (IMAGE, RTSTRUCT, RTPLAN, RTDOSE, REG) and whether its SOP class is private.

    Vendor private SOP classes that carry standard RT content are recognised by their content.
    """
    sop_class = str(ds.get("SOPClassUID", ""))
    kind = _STANDARD_KIND.get(sop_class)
    if kind:
        return kind, False
    modality = str(ds.get("Modality", "")).upper()
    if "ROIContourSequence" in ds or "StructureSetROISequence" in ds:
        kind = "RTSTRUCT"
    elif "IonBeamSequence" in ds or "BeamSequence" in ds or "ApplicationSetupSequence" in ds:
        kind = "RTPLAN"
    elif modality == "RTDOSE" or ("DoseGridScaling" in ds and "PixelData" in ds):
        kind = "RTDOSE"
    elif "RegistrationSequence" in ds:
        kind = "REG"
    elif modality in IMAGE_MODALITIES and "PixelData" in ds and "ImagePositionPatient" in ds:
        kind = "IMAGE"
    return kind, kind is not None and bool(sop_class)


def looks_like_dicom(head: bytes) -> bool:
    """A Part-10 preamble, or a first element of the file-meta (0002) or identifying (0008) group.

    Without this, pydicom's forced read walks any file (a gigabyte of zeros) eight bytes at a time.
    """
    if len(head) >= 132 and head[128:132] == b"DICM":
        return True
    if len(head) < 8:
        return False
    group_le = int.from_bytes(head[0:2], "little")
    group_be = int.from_bytes(head[0:2], "big")
    return group_le in (0x0002, 0x0008) or group_be == 0x0008


def read_item(label: str, opener: Opener) -> tuple[Item | None, Finding | None]:
    """Read one candidate file into an Item, or explain in a Finding why it cannot be used.

    A file whose structure ends early (truncated: see :mod:`plannerview.io.integrity`) is returned
    with ``incomplete`` set, so the loader can prefer a complete copy and report this one.
    """
    ext = Path(label).suffix.lower()
    if ext in _NOT_DICOM_EXT:
        return None, None
    padding_note: str = ""
    try:
        src = opener()
        if isinstance(src, str):
            with open(src, "rb") as fh:
                head = fh.read(132)
        else:
            head = src.getbuffer()[:132].tobytes()
        if not looks_like_dicom(head):
            return None, Finding(codes.IO_NOT_DICOM, Severity.WARNING,
                                 Msg(QT_TRANSLATE_NOOP("Findings", "not a DICOM file (no DICOM preamble and no DICOM element at its start)")), file=label)
        # The structure first (fast, bounded): it finds truncation, and where trailing padding starts,
        # so pydicom never walks a gigabyte of zeros element by element.
        structure = walk_file(src) if isinstance(src, str) else walk(src.getbuffer())
        if structure.too_many:
            return None, Finding(codes.IO_SKIPPED, Severity.ERROR, Msg(QT_TRANSLATE_NOOP("Findings", "DICOM file with {what}"), what=structure.missing), file=label)
        padding = structure.size - structure.data_end
        if padding > PADDING_TOLERANCE:
            if structure.data_end > MAX_PADDED_READ:
                return None, Finding(codes.IO_SKIPPED, Severity.ERROR,
                                     Msg(QT_TRANSLATE_NOOP("Findings", "{padding:,} zero bytes follow {size:,} bytes of data; not read"),
                                         padding=padding, size=structure.data_end),
                                     file=label)
            padding_note = Msg(QT_TRANSLATE_NOOP("Findings", "{padding:,} bytes of zeros after the data set were ignored (a padded or damaged copy)"),
                               padding=padding)
            if isinstance(src, str):
                with open(src, "rb") as fh:
                    src = io.BytesIO(fh.read(structure.data_end))
            else:
                src = io.BytesIO(src.getbuffer()[: structure.data_end].tobytes())
    except Refused as exc:
        said = exc.args[0] if exc.args and isinstance(exc.args[0], Msg) else str(exc)
        return None, Finding(codes.IO_SKIPPED, Severity.WARNING, said, file=label)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        return None, Finding(codes.IO_CORRUPT, Severity.WARNING, Msg(QT_TRANSLATE_NOOP("Findings", "damaged zip member: {why}; not read"), why=str(exc)), file=label)
    except (OSError, ValueError) as exc:
        return None, Finding(codes.IO_UNREADABLE, Severity.WARNING,
                             Msg(QT_TRANSLATE_NOOP("Findings", "cannot be read: {why}"),
                                 why=getattr(exc, "strerror", None) or str(exc)), file=label)
    try:
        # Large values (pixel data) of files on disk are read when needed, not now: memory stays
        # near one copy of the voxels. Zip members are in memory already.
        ds = pydicom.dcmread(src, force=True, defer_size=DEFER_BYTES if isinstance(src, str) else None)
    except InvalidDicomError as exc:
        return None, Finding(codes.IO_NOT_DICOM, Severity.WARNING, Msg(QT_TRANSLATE_NOOP("Findings", "not a readable DICOM file ({why})"), why=str(exc)), file=label)
    except RecursionError:
        return None, Finding(codes.IO_CORRUPT, Severity.ERROR, Msg(QT_TRANSLATE_NOOP("Findings", "damaged file: sequences nested too deeply; not used")),
                             file=label)
    except Exception as exc:  # pydicom raises many kinds (OSError, EOFError, ValueError ...) on damaged input
        why = structure.missing or user_message(exc)
        return None, Finding(codes.IO_CORRUPT, Severity.ERROR, Msg(QT_TRANSLATE_NOOP("Findings", "damaged file: {why}; not used"), why=why), file=label)
    try:
        has_content = len(ds) > 0 and ("SOPClassUID" in ds or "Modality" in ds)
    except Exception:
        has_content = False
    if not has_content:
        return None, Finding(
            codes.IO_NOT_DICOM, Severity.WARNING, Msg(QT_TRANSLATE_NOOP("Findings", "not a DICOM file (no SOP class and no modality found)")), file=label
        )
    try:
        kind, private = classify(ds)
    except Exception as exc:
        return None, Finding(codes.IO_CORRUPT, Severity.ERROR, Msg(QT_TRANSLATE_NOOP("Findings", "corrupt DICOM content: {why}"), why=str(exc)), file=label)
    if kind is None:
        sop = ds.get("SOPClassUID", "?")
        return None, Finding(
            codes.IO_UNSUPPORTED,
            Severity.INFO,
            Msg(QT_TRANSLATE_NOOP("Findings", "DICOM object of a kind plannerview does not use (modality {modality}, SOP class {sop}); skipped"),
                modality=str(ds.get("Modality", "?")), sop=str(sop)),
            object_uid=str(ds.get("SOPInstanceUID", "")),
            file=label,
        )
    item = Item(ds, label, kind, private, incomplete=structure.missing or "")
    if padding_note:
        return item, Finding(codes.IO_CORRUPT, Severity.WARNING, padding_note,
                             object_uid=str(ds.get("SOPInstanceUID", "")), file=label)
    if private:
        return item, Finding(
            codes.IO_PRIVATE_SOP_CLASS,
            Severity.INFO,
            Msg(QT_TRANSLATE_NOOP("Findings", "vendor private SOP class {sop} read as standard {kind} content"),
                sop=str(ds.get("SOPClassUID")), kind=kind),
            object_uid=str(ds.get("SOPInstanceUID", "")),
            file=label,
        )
    return item, None
