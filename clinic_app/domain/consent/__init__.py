"""Informed consent: the document as data, its rendered text and the frozen record's hash."""
