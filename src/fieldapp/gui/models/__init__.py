"""Qt table models adapting core objects (lists of dataclasses) for views; never the window."""
