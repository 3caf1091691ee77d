"""The guided session player: one step per screen, timers, voice, pain before and after."""
