"""The PySide6 desktop app: the only package of fieldapp that imports Qt (ARCHITECTURE s.2).

``fieldapp.gui.app.run`` starts it; ``main_window`` composes the pages in ``pages/``, question
widgets live in ``widgets/``, Qt table models over core objects in ``models/``.
"""
