"""The informed consent on screen: the signing dialog, its signature pads, the editor panel."""
