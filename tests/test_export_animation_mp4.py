"""Playback as an MP4 video (H.264 through imageio-ffmpeg's ffmpeg), and a clear message
instead of a failure when no ffmpeg is found."""
from __future__ import annotations

import imageio_ffmpeg
import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from desktop.export import animation
from desktop.export.animation import FfmpegMissing, export_mp4


def _frames(w, h, colours=("#c0392b", "#27ae60", "#2c3e50")):
    out = []
    for i, c in enumerate(colours):
        img = QImage(w, h, QImage.Format_ARGB32)
        img.fill(QColor(c))
        out.append((202001 + i, img))
    return out


def _read_back(path):
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = reader.__next__()
    frames = [np.frombuffer(f, np.uint8).reshape(meta["size"][1], meta["size"][0], 3) for f in reader]
    return meta, frames


def test_mp4_has_the_frames_size_count_and_pictures(qapp, tmp_path):
    out = tmp_path / "play.mp4"
    assert export_mp4(_frames(320, 240), out, fps=2) == 3
    n, _secs = imageio_ffmpeg.count_frames_and_secs(str(out))
    assert n == 3
    meta, frames = _read_back(out)
    assert tuple(meta["size"]) == (320, 240) and meta["codec"].startswith("h264")
    assert meta["fps"] == 2
    # each frame is its month's picture (red, green, dark blue), within H.264's loss
    for got, want in zip(frames, [(192, 57, 43), (39, 174, 96), (44, 62, 80)]):
        assert np.abs(got[120, 160].astype(int) - want).max() < 12
    assert [p.name for p in tmp_path.iterdir()] == ["play.mp4"]  # no temp file left


def test_odd_sized_frames_are_padded_to_even(qapp, tmp_path):
    out = tmp_path / "odd.mp4"
    assert export_mp4(_frames(201, 151), out, fps=4) == 3
    meta, frames = _read_back(out)
    assert tuple(meta["size"]) == (202, 152) and len(frames) == 3


def test_no_ffmpeg_gives_a_message_and_writes_nothing(qapp, tmp_path, monkeypatch):
    def missing():
        raise RuntimeError("No ffmpeg exe could be found.")

    monkeypatch.setattr(imageio_ffmpeg, "get_ffmpeg_exe", missing)
    with pytest.raises(FfmpegMissing) as err:
        export_mp4(_frames(64, 48), tmp_path / "play.mp4", fps=2)
    assert "ffmpeg" in str(err.value) and "GIF" in str(err.value)
    assert not list(tmp_path.iterdir())


def test_an_ffmpeg_without_h264_gives_a_message_and_writes_nothing(qapp, tmp_path, monkeypatch):
    from imageio_ffmpeg import _io

    def no_h264():
        raise RuntimeError("No ffmpeg encoder for h264 found.")

    monkeypatch.setattr(_io, "get_first_available_h264_encoder", no_h264)
    with pytest.raises(FfmpegMissing, match="no H.264 encoder"):
        export_mp4(_frames(64, 48), tmp_path / "play.mp4", fps=2)
    assert not list(tmp_path.iterdir())


def test_window_exports_mp4_and_says_when_ffmpeg_is_missing(trade_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    win = trade_window
    win.resize(900, 600)
    bar = win.trade.filter_bar
    bar.period.set_range(bar.months.index(202001), bar.months.index(202003), emit=True)  # three months
    months = win.time_bar.period_months()
    assert len(months) == 3
    target = tmp_path / "playback.mp4"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "MP4 video (*.mp4)")))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: shown.append(a[2])))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: shown.append(a[2])))
    win.export_animation()
    assert shown == []
    n, _secs = imageio_ffmpeg.count_frames_and_secs(str(target))
    assert n == 3
    meta, _ = _read_back(target)
    view = win.canvas.view
    assert tuple(meta["size"]) == (view.width + view.width % 2, view.height + view.height % 2)

    target.unlink()
    monkeypatch.setattr(animation, "ffmpeg_exe", lambda: None)
    win.export_animation()
    assert len(shown) == 1 and "MP4 export needs ffmpeg" in shown[0]
    assert not target.exists()
