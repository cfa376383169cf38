"""The interview runtime (Qt-free): ``fieldapp.engine.interview.Interview``."""
