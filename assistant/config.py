"""One settings object, read from the environment (prefix ASSISTANT_) and an optional TOML file."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


def resource(*parts: str) -> Path:
    """A file or folder shipped inside the `assistant` package (package data in the wheel, the same folder in a
    checkout), found through the package so an installed wheel works from any directory."""
    found = files("assistant").joinpath(*parts)
    return found if isinstance(found, Path) else Path(str(found))


BUNDLED_NOTICES = resource("data", "notices")  # the default corpus, byte for byte as received
PROMPTS = resource("prompts")  # the LLM answer mode's templates, loaded by name (see prompts/README.md)


def _alias(name: str) -> AliasChoices:
    """Environment LLM_X or ASSISTANT_LLM_X, config-file key llm_x."""
    return AliasChoices(name.upper(), f"ASSISTANT_{name.upper()}", name)


class Settings(BaseSettings):
    """Every setting has an environment variable ASSISTANT_<NAME> and a key <name> in the config file."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore", populate_by_name=True)

    data_dir: Path = Field(default=Path.home() / ".notice-assistant", description="all state: index, feedback, uploads")
    notices: Annotated[list[Path], NoDecode] = Field(
        default_factory=lambda: [BUNDLED_NOTICES], description="notice files or folders"
    )
    embedder: str = Field(default="use-multilingual", description="use-multilingual | st:<local path or cached id>")
    allow_model_download: bool = Field(default=False, description="let sentence-transformers fetch a model")
    max_question_chars: int = Field(default=2000, gt=0)
    max_upload_bytes: int = Field(default=20_000_000, gt=0)

    # web server (app.py): cross-origin allow-list for the JSON API and the widget, optional API key
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="origins allowed to call the API"
    )
    # keys by role (docs/configuration.md): any one set puts /api, /v1 and the chat behind a credential
    api_key: str | None = Field(
        default=None, description="the single key of earlier versions: admin key and chat password where unset"
    )
    read_key: str | None = Field(default=None, description="asks only (/api/ask, notices, tasks, feedback, /v1)")
    admin_key: str | None = Field(default=None, description="asks, plus uploads, deletions and the upload records")
    chat_password: str | None = Field(default=None, description="the chat's login (asks only); admin: user 'admin'")
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="addresses (or networks) whose X-Forwarded-For/-Proto are believed"
    )
    guess_limit: int = Field(
        default=10, ge=0, description="wrong keys or passwords per client before each further try backs off"
    )
    secure_cookies: bool = Field(
        default=False, description="mark the chat's login cookie Secure even on requests that arrive over plain HTTP"
    )
    uploads: Literal["off", "admin", "all"] = Field(
        default="admin", description="who may add notices: off | admin (needs the API key; off when none is set) | all"
    )
    # requests per minute per client address (0: no limit); a client over it gets 429 with Retry-After
    rate_ask: int = Field(default=120, ge=0, description="/api/ask and /v1/chat/completions")
    rate_upload: int = Field(default=10, ge=0, description="/api/upload, deletions and the chat's file upload")
    rate_feedback: int = Field(default=30, ge=0, description="/api/feedback")
    writable_check_seconds: float = Field(default=10.0, gt=0, description="a read-only data dir is re-checked so often")

    # LLM answer mode: off unless a base URL is given. The bare LLM_* names are accepted as well.
    llm_base_url: str | None = Field(default=None, validation_alias=_alias("llm_base_url"))
    llm_model: str | None = Field(default=None, validation_alias=_alias("llm_model"))
    llm_api_key: str | None = Field(default=None, validation_alias=_alias("llm_api_key"))
    llm_provider: str = Field(default="openai", validation_alias=_alias("llm_provider"), description="openai | ollama")
    llm_timeout: float = Field(default=30.0, gt=0, validation_alias=_alias("llm_timeout"))

    @field_validator("notices", mode="before")
    @classmethod
    def _split_paths(cls, value: object) -> object:
        if isinstance(value, str):  # ASSISTANT_NOTICES=dir1:dir2
            return [p for p in value.split(os.pathsep) if p]
        return value

    @field_validator("cors_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):  # ASSISTANT_CORS_ORIGINS=http://a.example,http://b.example (proxies alike)
            return [o.strip() for o in value.split(",") if o.strip()]
        return value

    @property
    def admin_secret(self) -> str | None:
        """The admin key: ASSISTANT_ADMIN_KEY, else the single ASSISTANT_API_KEY (what that key always allowed)."""
        return self.admin_key or self.api_key

    @property
    def keyed(self) -> bool:
        """Whether any credential is configured (then /api, /v1 and the chat need one; else all is open)."""
        return any((self.api_key, self.read_key, self.admin_key, self.chat_password))

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        config = os.environ.get("ASSISTANT_CONFIG", "assistant.toml")
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config))
