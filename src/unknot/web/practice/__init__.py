"""Practitioner mode: profiles, consented links, programs, clearances and the audit log."""
