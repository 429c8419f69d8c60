"""Live games, apart from any transport: the socket handlers in quiz.live only call these functions.

game: create, join, remove, open and close questions, end. answers: take one answer.
scoring: the points formula and the ranking. views: what the projector and each phone are shown.
finish: store every player's result as an attempt when the game ends. tokens: the rejoin token.
"""
