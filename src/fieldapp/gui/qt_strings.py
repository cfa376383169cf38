"""Qt's own strings that Qt's Korean catalogue (``qtbase_ko.qm``) leaves in English.

Qt 6 renamed a few file-dialog labels (a mnemonic was added: "&Look in:", "Files of &type:")
and its Korean translators have not caught up, so Qt's file picker showed "Look in:" and
"Files of type:" in the Korean interface (issue #15, item 6). Listed here under Qt's own
contexts, lupdate puts them in our catalogue; ours is installed after Qt's, so Qt looks in it
first (QCoreApplication::installTranslator) and finds the Korean. Nothing calls this module's
names: the list exists for lupdate. ``tests/gui/test_korean_walk.py`` opens Qt's dialogs in
Korean and fails on any string that is still English, which is how these were found.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_STRINGS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    # The file types of the picker's Type column (Qt 6 moved them to this class).
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Shortcut"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
)
