"""The Processing algorithms of the `ecospace` provider, one module each (processing/provider.py lists them).

The support modules they share (base, io, checks, outputs, report, messages, ...) are one level up, in
processing/.
"""
