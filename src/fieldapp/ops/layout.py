"""How a table is laid out on screen and on paper (the GUI's table model uses the same grid as every export)."""

from fieldapp.exports.layout import (
    HIDDEN,
    SMALL,
    Cell,
    chart_series,
    grid,
    heading,
    notes,
    stats_grid,
)

__all__ = ["HIDDEN", "SMALL", "Cell", "chart_series", "grid", "heading", "notes", "stats_grid"]
