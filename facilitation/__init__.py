"""The method: agendas, coaching rules, retro formats and the maths of scores.

Pure Python on top of ``okrworkshop.model``; no textual, no tinydb.
"""
