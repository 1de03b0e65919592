"""Letters (一函两书): the letter list, the editor with its PDF preview and printing, the letter settings
(deadlines, issuer) and the list model. Other features use the names re-exported here."""

from app.ui.letters.models import LetterTableModel, letter_kind_label, letter_number_text, letter_status_label
from app.ui.letters.pages import LetterEditorDialog, LetterList, LettersPage
from app.ui.letters.settings import LetterSettingsDialog

__all__ = [
    "LetterEditorDialog",
    "LetterList",
    "LetterSettingsDialog",
    "LetterTableModel",
    "LettersPage",
    "letter_kind_label",
    "letter_number_text",
    "letter_status_label",
]
