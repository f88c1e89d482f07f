"""Mystery shopping: the visit form's widgets and a visit's report."""
