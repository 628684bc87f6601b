"""Export the month-by-month playback as an animated GIF, an MP4 video (H.264, where an
ffmpeg is available: imageio-ffmpeg ships one) or a numbered PNG sequence.

Each frame is the export composition (map, flows, title, legend, month caption) of one
month, made by the same renderer as the screen. Frames are written atomically; a
cancelled export leaves nothing half-written behind.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage, QPainter

from desktop.export.image import compose_map_image, save_image
from geo.core.files import atomic_write


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
    atomic_write(path, lambda tmp: images[0].save(tmp, format="GIF", save_all=True, append_images=images[1:],
                                                  duration=int(1000 / fps), loop=0, optimize=False))
    return len(images)


class FfmpegMissing(RuntimeError):
    """No ffmpeg to encode MP4 with; str() is the sentence to show the user."""


def ffmpeg_exe() -> str | None:
    """The ffmpeg imageio-ffmpeg finds (its bundled binary, or IMAGEIO_FFMPEG_EXE), else None."""
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        return None


def no_ffmpeg_message() -> str:
    return _tr("MP4 export needs ffmpeg, and none was found. Install the imageio-ffmpeg package "
               "(it ships one) or set IMAGEIO_FFMPEG_EXE to an ffmpeg program; GIF and PNG frames "
               "work without it.")


def _even_rgb(img: QImage) -> bytes:
    """The frame as packed RGB24 bytes, padded with white to even width and height (H.264 in
    yuv420p needs both even)."""
    img = img.convertToFormat(QImage.Format_RGB888)
    w, h = img.width(), img.height()
    if w % 2 or h % 2:
        padded = QImage(w + w % 2, h + h % 2, QImage.Format_RGB888)
        padded.fill(0xFFFFFF)
        p = QPainter(padded)
        p.drawImage(0, 0, img)
        p.end()
        img = padded
    w, h, stride = img.width(), img.height(), img.bytesPerLine()
    data = bytes(img.constBits())
    if stride == w * 3:
        return data[: w * h * 3]
    return b"".join(data[y * stride: y * stride + w * 3] for y in range(h))


def export_mp4(frames, path: Path, fps: float) -> int:
    """Writes the frames as an H.264 (yuv420p; libx264 when the ffmpeg has it) MP4 through
    imageio-ffmpeg's ffmpeg; frames of odd width or height are padded by one white pixel.
    Raises FfmpegMissing when no ffmpeg is found (nothing written)."""
    exe = ffmpeg_exe()
    if exe is None:
        raise FfmpegMissing(no_ffmpeg_message())
    import imageio_ffmpeg

    frames = list(frames)
    if not frames:
        return 0
    first = frames[0][1]
    size = (first.width() + first.width() % 2, first.height() + first.height() % 2)
    path = Path(path)
    fd, tmp = tempfile.mkstemp(suffix=".mp4", dir=path.parent)
    os.close(fd)
    try:
        writer = imageio_ffmpeg.write_frames(tmp, size, pix_fmt_in="rgb24", pix_fmt_out="yuv420p",
                                             fps=fps, macro_block_size=2,
                                             ffmpeg_log_level="error")
        try:
            writer.send(None)  # starts ffmpeg; RuntimeError when it has no H.264 encoder
        except RuntimeError:
            raise FfmpegMissing(_tr("The ffmpeg found ({exe}) has no H.264 encoder for MP4; GIF and PNG "
                                    "frames work without it.").format(exe=exe)) from None
        try:
            for _m, img in frames:
                if (img.width() + img.width() % 2, img.height() + img.height() % 2) != size:
                    img = img.scaled(size[0], size[1])
                writer.send(_even_rgb(img))
        finally:
            writer.close()
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return len(frames)


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
