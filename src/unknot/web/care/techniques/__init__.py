"""The technique library: every technique the knowledge base holds, each with its own page."""
