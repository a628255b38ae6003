"""Pure functions from content records to pages, navigation and feeds."""
