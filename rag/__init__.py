"""referat: question answering over municipal meeting minutes."""

__version__ = "0.1.0"
