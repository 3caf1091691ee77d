"""The diary: sessions, check-ins, outcome measures, charts and what they mean."""
