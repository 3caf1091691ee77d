"""unknot: a safety-first self-care coach for low back pain from the psoas, iliacus and QL."""

__version__ = "0.1.0"
