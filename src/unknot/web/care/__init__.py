"""The person-facing pages: home now; intake, results, session and diary later."""
