"""The people app's pages."""
