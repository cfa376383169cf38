"""The use cases: one Qt-free function per thing a user does, called by the CLI and the desktop app.

Convention (docs/decisions/0002-use-case-layer.md)::

    fn(store, ..., *, progress=no_progress, cancel=None) -> result dataclass

- ``store`` is an open ``fieldapp.store.Store`` (or a folder, for the operations that open one).
- Errors a user can see are ``UserFacingError``s with a code (``fieldapp.messages``); paths the
  user gave are checked here (missing folder, a folder instead of a file, an unwritable target,
  a file that is not what it should be), so no caller ever sees an ``OSError``.
- Long operations report ``progress(done, total, phase)`` and check ``cancel`` at safe points;
  when cancelled they raise ``Cancelled`` and leave the store exactly as it was.
- Nothing here prints, logs or touches Qt. Results never carry answers unless the use case is
  to show them (an interview, a table).

Modules: ``stores`` (create, open, passphrase, recover, wipe, verify), ``forms``, ``interviews``
(start, resume, finalize, delete, list, home summary, paper import), ``exchange`` (status,
enrolment, export, receipts, bundle check and merge, devices, key files), ``tables`` (summary
tables, charts, report, data exports), ``model`` (the core types callers may hold), ``files``
(checked reads and writes of the user's files).
"""

from __future__ import annotations
