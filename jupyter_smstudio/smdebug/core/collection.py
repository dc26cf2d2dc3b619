from ...debugger.collections import Collection, CollectionKeys

__all__ = ["Collection", "CollectionKeys"]
