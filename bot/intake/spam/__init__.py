"""Spam on the resident chats: cheap checks on a newcomer's post, a classifier
moderators teach, and the verdict (sure / unsure / genuine) intake acts on.

Nothing here imports scikit-learn at import time: the classifier loads it when
it is trained or read back, off the event loop.
"""
