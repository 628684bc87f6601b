"""Export the month-by-month playback as an animated GIF or a numbered PNG sequence.

Each frame is the export composition (map, flows, title, legend, month caption) of one
month, made by the same renderer as the screen. Frames are written atomically; a
cancelled export leaves nothing half-written behind.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from desktop.export.image import compose_map_image, save_image


def _tr(text: str) -> str:
    return QCoreApplication.translate("AnimationExport", text)


def render_frames(window, months: list[int], view, progress=None):
    """Yield (month, QImage) for each month; `progress(i, n) -> bool` may cancel."""
    from desktop.base.i18n import month_label

    session, flows = window.session, window.flows
    shown = session.playback.month
    try:
        session.begin_playback(months)
        for i, m in enumerate(months):
            if progress is not None and not progress(i, len(months)):
                return
            session.show_month(m)
            img = compose_map_image(window.content, view, window.canvas.renderer, caption=month_label(m),
                                    overlay=flows if flows.visible else None)
            yield m, img
    finally:
        session.show_month(shown)


def qimage_to_pil(img: QImage):
    from PIL import Image

    img = img.convertToFormat(QImage.Format_RGBA8888)
    w, h = img.width(), img.height()
    data = bytes(img.constBits())[: w * h * 4]
    return Image.frombuffer("RGBA", (w, h), data, "raw", "RGBA", 0, 1).convert("RGB")


def export_gif(frames, path: Path, fps: float) -> int:
    images = [qimage_to_pil(img) for _m, img in frames]
    if not images:
        return 0
    path = Path(path)
    fd, tmp = tempfile.mkstemp(suffix=".gif", dir=path.parent)
    os.close(fd)
    try:
        images[0].save(tmp, save_all=True, append_images=images[1:], duration=int(1000 / fps), loop=0,
                       optimize=False)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return len(images)


def export_png_sequence(frames, path: Path) -> list[Path]:
    """Writes name_001.png, name_002.png… beside `path` (its stem names the sequence)."""
    path = Path(path)
    stem = path.stem
    out = []
    for i, (_m, img) in enumerate(frames, start=1):
        target = path.with_name(f"{stem}_{i:03d}.png")
        save_image(img, target)
        out.append(target)
    return out
