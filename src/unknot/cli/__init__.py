"""Command-line faces over the core: library, assess, plan, session, serve."""
