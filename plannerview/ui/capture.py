"""Screenshots of what the GUI shows: Qt widgets by grab(), VTK content read from its render window."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QBuffer, QIODevice, QPoint
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget


def rgba_to_qimage(arr: np.ndarray) -> QImage:
    a = np.ascontiguousarray(arr[..., :4] if arr.shape[2] >= 4 else
                             np.dstack([arr, np.full(arr.shape[:2], 255, np.uint8)]))
    h, w = a.shape[:2]
    return QImage(a.data, w, h, a.strides[0], QImage.Format.Format_RGBA8888).copy()


def qimage_to_rgba(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format.Format_RGBA8888)
    arr = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes())
    return arr.reshape(img.height(), img.bytesPerLine())[:, : img.width() * 4].reshape(img.height(), img.width(), 4).copy()


def png_bytes(img: QImage) -> bytes:
    """The image encoded as PNG in memory (ValueError when Qt cannot encode it)."""
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):  # type: ignore[call-overload]  # the stub says bytes; PySide takes str
        raise ValueError("the image could not be encoded as PNG")
    return bytes(buf.data().data())


def save_png(img: QImage, path: str, overwrite: bool = False) -> None:
    """Write the image as PNG through plannerview's safe writer (never onto an input, atomic)."""
    from ..io.safe_write import write_bytes

    write_bytes(path, png_bytes(img), overwrite=overwrite)


def grab_widget(w: QWidget) -> QImage:
    return w.grab().toImage()


def grab_window(window: Any) -> QImage:
    """The whole main window, with the 3D view's GL frame painted in where grab() leaves it blank."""
    img = window.grab().toImage().convertToFormat(QImage.Format.Format_RGBA8888)
    v3 = getattr(window, "view3d", None)
    if v3 is not None and v3.isVisible():
        frame = rgba_to_qimage(v3.render_rgba())
        vw = v3.vtk_widget
        top_left = vw.mapTo(window, QPoint(0, 0))
        dpr = img.devicePixelRatio() or 1.0
        p = QPainter(img)
        p.drawImage(top_left, frame.scaled(int(vw.width() * dpr), int(vw.height() * dpr)))
        p.end()
    return img
