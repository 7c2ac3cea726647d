"""The disputes pages. Thin: parse with a form, call one service or selector, render."""
