"""Widgets by feature: what pages draw and what a person fills in; nothing here is cached."""
