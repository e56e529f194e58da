"""Voice notes understood offline: models (`models`), checks (`audio`), the transcriber's pool
(`transcriber`), fetching and letting audio go (`service`), and the after-commit job (`notes`).
Nothing here imports faster-whisper until a note is heard or a model installed."""
