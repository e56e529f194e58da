"""Settings: one typed object read from the environment and an optional `.env` file.

Every setting is documented in `.env.example`. `load_settings()` turns a validation error into a
`SettingsError` whose message names the variable, so start-up stops with a sentence an admin can act
on.
"""

from __future__ import annotations

import base64
import binascii
import re
from email.utils import parseaddr
from pathlib import Path
from typing import Literal

import opening_hours
from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent
MODEL_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")

_ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


class SettingsError(Exception):
    """A setting has an invalid value; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    data_dir: Path = Field(default=Path("var"))
    database_url: str = ""
    database_schema: str | None = None
    database_pool_size: int = Field(default=10, ge=1, le=200)
    sqlite_busy_timeout_ms: int = Field(default=5000, ge=0)
    sqlite_synchronous: Literal["OFF", "NORMAL", "FULL", "EXTRA"] = "FULL"

    content_dir: Path = Field(default=PROJECT_DIR / "content")
    load_samples: bool = True
    conversation_idle_days: float = Field(default=14, gt=0)
    max_input_chars: int = Field(default=4000, ge=100)
    inbound_log_retention_days: int = Field(default=30, ge=1)

    engine_batch_max: int = Field(default=200, ge=1, le=5000)
    engine_writers: int = Field(default=0, ge=0, le=64)

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    # --- server and delivery ---
    server_host: str = "127.0.0.1"
    server_port: int = Field(default=8080, ge=1, le=65535)
    public_base_url: str = ""
    delivery_max_attempts: int = Field(default=6, ge=1, le=50)
    delivery_backoff_seconds: float = Field(default=2.0, gt=0)
    delivery_max_in_flight: int = Field(default=64, ge=1, le=10_000)
    delivery_poll_seconds: float = Field(default=1.0, gt=0)
    delivery_lease_seconds: float = Field(default=300.0, ge=5)

    # --- talking to a volunteer ---
    volunteer_hours: str = "Mo-Fr 09:00-18:00; PH off"
    handover_timeout_minutes: float = Field(default=10.0, gt=0)
    handover_idle_minutes: float = Field(default=180.0, gt=0)

    # --- broadcasts ---
    broadcast_batch: int = Field(default=1000, ge=1, le=20_000)
    broadcast_poll_seconds: float = Field(default=5.0, gt=0)
    broadcast_lease_seconds: float = Field(default=120.0, ge=5)

    # --- the web console (/console) ---
    console_secret_key: SecretStr | None = None
    console_session_idle_minutes: int = Field(default=60, ge=5, le=24 * 60)
    console_session_max_hours: float = Field(default=12, gt=0, le=24 * 30)
    console_login_max_failures: int = Field(default=5, ge=1, le=100)
    console_login_max_failures_per_address: int = Field(default=20, ge=1, le=10_000)
    console_login_window_minutes: int = Field(default=15, ge=1, le=24 * 60)
    console_setup_link_hours: int = Field(default=72, ge=1, le=24 * 30)
    console_upload_max_mb: int = Field(default=50, ge=1, le=2000)
    audit_retention_days: int = Field(default=365, ge=30, le=3650)

    # --- Telegram ---
    telegram_bot_token: SecretStr | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_rate_per_second: float = Field(default=30.0, ge=0)
    telegram_chat_interval_seconds: float = Field(default=1.0, ge=0)

    # --- Twilio (WhatsApp and SMS) ---
    twilio_account_sid: str = ""
    twilio_auth_token: SecretStr | None = None
    twilio_whatsapp_from: str = ""
    twilio_sms_from: str = ""
    twilio_api_base_url: str = ""
    twilio_whatsapp_rate_per_second: float = Field(default=20.0, ge=0)
    twilio_sms_rate_per_second: float = Field(default=1.0, ge=0)
    twilio_template_content_sids: dict[str, str] = Field(default_factory=dict)
    twilio_choice_content_sids: dict[str, str] = Field(default_factory=dict)

    # --- translation and language detection ---
    translate_dir: Path | None = None
    translate_package_index: str = (
        "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
    )
    translate_workers: int = Field(default=1, ge=1, le=16)
    translate_cache_days: int = Field(default=30, ge=1)
    language_detection_min_confidence: float = Field(default=0.6, ge=0, le=1)

    # --- voice notes (offline speech-to-text, bot/speech) ---
    speech_model: str = "base"
    speech_dir: Path | None = None
    speech_model_source: str = "https://huggingface.co/Systran/faster-whisper-{name}/resolve/main/"
    speech_max_mb: float = Field(default=5.0, gt=0, le=100)
    speech_max_seconds: float = Field(default=120.0, gt=0, le=1800)
    speech_workers: int = Field(default=1, ge=1, le=8)
    speech_threads: int = Field(default=2, ge=1, le=64)
    speech_beam_size: int = Field(default=1, ge=1, le=10)
    speech_unheard_languages: str = "ps"
    speech_min_language_confidence: float = Field(default=0.7, ge=0, le=1)

    # --- signed links to our own files (documents sent by WhatsApp/SMS) ---
    media_signing_key: SecretStr | None = None
    media_link_minutes: int = Field(default=60, ge=1, le=7 * 24 * 60)

    # --- outgoing mail (employers' confirmations, CVs sent through the association) ---
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str = ""
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True
    smtp_from: str = ""
    smtp_timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    mail_poll_seconds: float = Field(default=5.0, gt=0)
    mail_max_attempts: int = Field(default=8, ge=1, le=50)

    # --- employers' offers (/employeurs) ---
    employer_link_key: SecretStr | None = None
    employer_confirm_hours: int = Field(default=48, ge=1, le=24 * 14)
    employer_link_days: int = Field(default=30, ge=1, le=365)
    employer_max_days: int = Field(default=120, ge=7, le=366)
    employer_confirm_after_days: int = Field(default=60, ge=7, le=365)
    employer_confirm_grace_days: int = Field(default=7, ge=1, le=60)
    employer_submissions_per_address: int = Field(default=5, ge=1, le=10_000)
    employer_submissions_per_siret: int = Field(default=5, ge=1, le=10_000)
    employer_submission_window_hours: int = Field(default=24, ge=1, le=24)
    employer_max_open_offers: int = Field(default=10, ge=1, le=1000)

    # --- live sources for `passerelle import … --fetch` ---
    france_travail_client_id: str = ""
    france_travail_client_secret: SecretStr | None = None
    france_travail_auth_url: str = (
        "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=%2Fpartenaire"
    )
    france_travail_api_url: str = "https://api.francetravail.io/partenaire/offresdemploi/v2"
    france_travail_max_offers: int = Field(default=3000, ge=1, le=100_000)
    data_inclusion_token: SecretStr | None = None
    data_inclusion_api_url: str = "https://api.data.inclusion.beta.gouv.fr/api/v0"

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value:
            return value
        scheme, sep, rest = value.partition("://")
        if not sep or scheme not in _ASYNC_DRIVERS:
            raise ValueError(
                "must start with sqlite+aiosqlite:// or postgresql+asyncpg:// "
                "(sqlite:// and postgresql:// are accepted too)"
            )
        return f"{_ASYNC_DRIVERS[scheme]}://{rest}"

    @field_validator("content_dir", "data_dir", "translate_dir", "speech_dir", mode="before")
    @classmethod
    def _empty_is_default(cls, value: object, info: ValidationInfo) -> object:
        if value in ("", None):
            return cls.model_fields[info.field_name or ""].default
        return value

    @field_validator("volunteer_hours")
    @classmethod
    def _osm_hours(cls, value: str) -> str:
        if not opening_hours.validate(value):
            raise ValueError("use OpenStreetMap opening_hours syntax, e.g. Mo-Fr 09:00-18:00")
        return value

    @field_validator("twilio_whatsapp_from")
    @classmethod
    def _whatsapp_sender(cls, value: str) -> str:
        if value and not value.startswith("whatsapp:+"):
            raise ValueError("must look like whatsapp:+14155238886")
        return value

    @field_validator("twilio_sms_from")
    @classmethod
    def _sms_sender(cls, value: str) -> str:
        if value and not (value.startswith("+") or value.startswith("MG")):
            raise ValueError("must be a number like +33757000000 (or a Messaging Service SID MG…)")
        return value

    @field_validator("translate_package_index")
    @classmethod
    def _index_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://", "file://")):
            raise ValueError("must be an http(s) URL ending with / (index.json is appended)")
        return value if value.endswith("/") else value + "/"

    @field_validator("speech_model")
    @classmethod
    def _model_name(cls, value: str) -> str:
        if value and not MODEL_NAME.fullmatch(value):
            raise ValueError("must be a model name like base, small or tiny.en (or empty: off)")
        return value

    @field_validator("speech_model_source")
    @classmethod
    def _model_source(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")) or "{name}" not in value:
            raise ValueError("must be an http(s) URL with {name} where the model's name goes")
        return value if value.endswith("/") else value + "/"

    @field_validator("speech_unheard_languages")
    @classmethod
    def _language_list(cls, value: str) -> str:
        codes = [c.strip().lower() for c in value.split(",") if c.strip()]
        if not all(c.isalpha() and len(c) <= 8 for c in codes):
            raise ValueError("must be language codes separated by commas, e.g. ps,ti")
        return ",".join(codes)

    @field_validator("public_base_url", "telegram_api_base_url", "twilio_api_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with https:// (or http:// for a local test server)")
        return value.rstrip("/")

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _secret_token(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and -.
        if value is None or not value.get_secret_value():
            return None
        secret = value.get_secret_value()
        if len(secret) > 256 or not all(c.isascii() and (c.isalnum() or c in "_-") for c in secret):
            raise ValueError("must be 1 to 256 characters: letters, digits, _ and -")
        return value

    @field_validator("smtp_from")
    @classmethod
    def _mail_sender(cls, value: str) -> str:
        if value:
            address = parseaddr(value)[1]
            if "@" not in address or not address.split("@")[1]:
                raise ValueError("must be an address, e.g. Emploi Réfugiés <offres@example.org>")
        return value

    @field_validator(
        "twilio_auth_token",
        "media_signing_key",
        "console_secret_key",
        "smtp_password",
        "employer_link_key",
    )
    @classmethod
    def _empty_secret(cls, value: SecretStr | None) -> SecretStr | None:
        return value if value is not None and value.get_secret_value() else None

    @field_validator("console_secret_key")
    @classmethod
    def _fernet_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        try:
            raw = base64.urlsafe_b64decode(value.get_secret_value().encode())
        except (ValueError, binascii.Error):
            raw = b""
        if len(raw) != 32:
            raise ValueError("must be 32 url-safe base64-encoded bytes (see .env.example)")
        return value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        head, _, tail = value.get_secret_value().partition(":")
        if not head.isdigit() or not tail:
            raise ValueError("does not look like a bot token from @BotFather (digits:letters)")
        return value

    @field_validator("database_schema")
    @classmethod
    def _schema_name(cls, value: str | None) -> str | None:
        if value and not value.replace("_", "").isalnum():
            raise ValueError("must contain only letters, digits and underscores")
        return value or None

    @model_validator(mode="after")
    def _default_database(self) -> Settings:
        if not self.database_url:
            path = (self.data_dir / "passerelle.db").resolve()
            object.__setattr__(self, "database_url", f"sqlite+aiosqlite:///{path}")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def telegram_enabled(self) -> bool:
        return self.telegram_bot_token is not None

    @property
    def translation_dir(self) -> Path:
        """Where argostranslate keeps its packages, index and settings."""
        return (self.translate_dir or self.data_dir / "translation").resolve()

    @property
    def telegram_file_base_url(self) -> str:
        """Where the Bot API serves files (voice notes): …/bot → …/file/bot."""
        base = self.telegram_api_base_url
        return base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file"

    @property
    def speech_models_dir(self) -> Path:
        """Where speech-to-text models are installed, one folder each."""
        return (self.speech_dir or self.data_dir / "speech").resolve()

    @property
    def speech_unheard(self) -> frozenset[str]:
        """Languages whose voice notes are never transcribed (the model hears them too badly)."""
        return frozenset(filter(None, self.speech_unheard_languages.split(",")))

    @property
    def mail_enabled(self) -> bool:
        """Mail can be sent (the employers' pages need it to confirm addresses)."""
        return bool(self.smtp_host and self.smtp_from)

    @property
    def twilio_enabled(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token)

    @property
    def writers(self) -> int:
        """How many batches the engine commits at once: SQLite has one writer, PostgreSQL many."""
        if self.engine_writers:
            return self.engine_writers
        return 1 if self.is_sqlite else 4


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning validation errors into one readable `SettingsError`."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            name = "_".join(str(part) for part in problem["loc"]).upper() or "settings"
            lines.append(
                f"{name}: {problem['msg']}"
            )  # values are never echoed: they may be secrets
        raise SettingsError("Invalid setting — " + "; ".join(lines)) from None
