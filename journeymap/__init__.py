"""journeymap: customer-journey mapping with the evidence on every step."""

__version__ = "0.1.0"
