"""The Chinese catalogue covers every message and its compiled file is up to date."""
import subprocess
import sys

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from quiz import ROOT

PO = ROOT / "quiz" / "translations" / "zh" / "LC_MESSAGES" / "messages.po"


def extracted_ids(tmp_path) -> set[str]:
    """Every message id used in the code and templates, as pybabel extracts them."""
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "--ignore-dirs", ".* __pycache__", "-F", "babel.cfg",
                    "-k", "_l", "-k", "lazy_gettext", "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


def test_every_message_has_a_chinese_translation(tmp_path):
    with PO.open("rb") as f:
        catalogue = read_po(f)
    translated = {m.id for m in catalogue if m.id and m.string and not m.fuzzy}
    missing = extracted_ids(tmp_path) - translated
    assert not missing, f"run scripts/i18n.py and translate: {sorted(missing)[:10]}"


def hashable(value):
    """A plural message's forms as a tuple (the .mo reader gives lists)."""
    return tuple(value) if isinstance(value, list) else value


def test_compiled_catalogue_matches_the_po_file():
    with PO.open("rb") as f:
        po = {hashable(m.id): hashable(m.string) for m in read_po(f) if m.id and m.string}
    with PO.with_suffix(".mo").open("rb") as f:
        mo = {hashable(m.id): hashable(m.string) for m in read_mo(f) if m.id}
    assert mo == po, "run scripts/i18n.py to recompile the catalogue"
