"""The intake: body map, plain questions, the red-flag stop page, and the results page."""
