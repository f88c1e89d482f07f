"""The Programme page: the list of visits, planning a wave, shoppers and locations."""
