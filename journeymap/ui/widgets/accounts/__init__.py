"""Widgets of the Accounts page."""
