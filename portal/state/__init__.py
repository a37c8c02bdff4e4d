"""Reflex state classes: UI state, calling the services in portal.accounts and portal.mail."""
