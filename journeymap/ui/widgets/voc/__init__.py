"""Voice of the customer: the survey import's mapping and report, the NPS dashboard's sections."""
