"""Make a home folder holding the sample journal (twins, 60 days), for scripts/a11y_atspi_screens.sh."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nec_companion.core.clock import SystemClock
from nec_companion.journal.sample import build_sample_twins
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.storage import JournalDirectory

home = Path(sys.argv[1])
directory = JournalDirectory(home / "data", schema=JOURNAL_SCHEMA, clock=SystemClock())
made = directory.create(passphrase="quiet harbour lantern meadow", label="Sage Panda").journal
build_sample_twins(made, clock=SystemClock())
made.close()
print("ok")
