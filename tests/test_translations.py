"""Every sentence the app shows can be translated: the model's messages come from one
catalogue, which the translation file holds, and the window and the command line word them
the same way through Qt's translation."""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from geo.core.messages import CATALOGUE, msg

REPO = Path(__file__).resolve().parents[1]


def test_generated_catalogue_for_lupdate_is_current():
    r = subprocess.run([sys.executable, "scripts/update_translations.py", "--check"], cwd=REPO,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_spanish_catalogue_holds_every_model_message():
    root = ET.parse(REPO / "desktop" / "i18n" / "frontera_es.ts").getroot()
    sources = {(ctx.findtext("name"), m.findtext("source")) for ctx in root.iter("context")
               for m in ctx.iter("message")}
    missing = [code for code, text in CATALOGUE.items() if ("messages", text) not in sources]
    assert not missing, f"run scripts/update_translations.py; missing: {missing[:5]}"


def test_a_translation_is_used_by_the_window_and_the_command_line_alike(qapp):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from desktop.base.messages import word

    m = msg("caveat.mx_only")

    class Spanish(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            if context == "messages" and source == CATALOGUE["caveat.mx_only"]:
                return "El desglose por estado mexicano cubre solo el comercio con México."
            return source

    tr = Spanish()
    QCoreApplication.installTranslator(tr)
    try:
        assert word(m) == "El desglose por estado mexicano cubre solo el comercio con México."
        # parameters are formatted by their kind, in the interface language's month names
        assert word(msg("period.range", lo_ym=202101, hi_ym=202112)) == "Jan 2021 to Dec 2021"
    finally:
        QCoreApplication.removeTranslator(tr)
    assert word(m) == CATALOGUE["caveat.mx_only"]
