"""The app's screens, one module per page; each emits signals and never reaches into another."""
