"""File formats: journey files, survey-export importers, exporters."""
