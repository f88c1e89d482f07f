"""Improvement actions: their forms and how they are listed."""
