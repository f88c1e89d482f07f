"""The journey editor, its saving and diffs, and the journey-file import."""
