"""Exports: map images and playback animations."""
