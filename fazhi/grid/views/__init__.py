"""The grid app's pages."""
