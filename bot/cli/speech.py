"""`passerelle speech`: the offline speech-to-text models voice notes are transcribed with."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.cli import fail, settings_or_exit
from bot.speech import models


@click.group()
def speech() -> None:
    """Speech-to-text models (faster-whisper) for voice notes."""


@speech.command(name="list")
def list_() -> None:
    """Installed models, their size and languages, and which one SPEECH_MODEL uses."""
    settings = settings_or_exit()
    found = models.installed(settings)
    click.echo(f"models in {settings.speech_models_dir}:" if found else "no model installed")
    for model in found:
        used = " (SPEECH_MODEL)" if model.name == settings.speech_model else ""
        languages = f"{len(model.languages)} languages" if model.multilingual else "English only"
        size = model.size / 1_000_000
        click.echo(f"  {model.name:<12} {size:7.1f} MB  {languages}{used}")
    if not settings.speech_model:
        click.echo("voice notes are off (SPEECH_MODEL is empty)")
    elif models.hearing(settings) is None:
        click.echo(
            f"voice notes are off: SPEECH_MODEL={settings.speech_model} is not installed "
            f"(passerelle speech install {settings.speech_model})"
        )


@speech.command()
@click.argument("name")
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path),
    default=None,
    help="Copy the model from this folder (config.json, model.bin, tokenizer.json…).",
)
def install(name: str, folder: Path | None) -> None:
    """Install model NAME from SPEECH_MODEL_SOURCE (tiny, base, small, medium…), or --dir PATH."""
    settings = settings_or_exit()
    try:
        if folder is not None:
            model = models.install_from_dir(settings, name, folder)
        else:
            with click.progressbar(length=1, label=f"downloading {name}", file=sys.stderr) as bar:

                def progress(file: str, done: int, total: int) -> None:
                    bar.label = f"downloading {name}: {file}"
                    bar.length = max(total, done, 1)
                    bar.pos = 0
                    bar.update(done)

                model = models.install_from_source(settings, name, progress)
    except models.ModelError as error:
        fail(str(error))
    languages = f"{len(model.languages)} languages" if model.multilingual else "English only"
    click.echo(f"installed {model.name} ({model.size / 1_000_000:.1f} MB, {languages})")
    if model.name != settings.speech_model:
        click.echo(f"to use it for voice notes, set SPEECH_MODEL={model.name}")


@speech.command()
@click.argument("name")
def remove(name: str) -> None:
    """Uninstall model NAME."""
    settings = settings_or_exit()
    try:
        model = models.remove(settings, name)
    except models.ModelError as error:
        fail(str(error))
    click.echo(f"removed {model.name}")
