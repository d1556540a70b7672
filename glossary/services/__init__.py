"""The service layer: plain data in, plain data out.

HTML views, JSON views and the CLI all call these functions and nothing below them, so the
three never disagree.
"""
