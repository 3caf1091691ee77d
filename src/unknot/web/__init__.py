"""The Django web app (later issues). Only this package and ``unknot.cli`` may import Django."""
