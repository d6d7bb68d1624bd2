"""One settings object, read from the environment (prefix ASSISTANT_) and an optional TOML file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_NOTICES = PROJECT_ROOT / "data" / "notices"


class Settings(BaseSettings):
    """Every setting has an environment variable ASSISTANT_<NAME> and a key <name> in the config file."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    data_dir: Path = Field(default=Path.home() / ".notice-assistant", description="all state: index, feedback, uploads")
    notices: Annotated[list[Path], NoDecode] = Field(default_factory=lambda: [BUNDLED_NOTICES], description="notice files or folders")
    embedder: str = Field(default="use-multilingual", description="use-multilingual | st:<local path or cached id>")
    allow_model_download: bool = Field(default=False, description="let sentence-transformers fetch a model")
    max_question_chars: int = Field(default=2000, gt=0)
    max_upload_bytes: int = Field(default=20_000_000, gt=0)

    @field_validator("notices", mode="before")
    @classmethod
    def _split_paths(cls, value: object) -> object:
        if isinstance(value, str):  # ASSISTANT_NOTICES=dir1:dir2
            return [p for p in value.split(os.pathsep) if p]
        return value

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        config = os.environ.get("ASSISTANT_CONFIG", "assistant.toml")
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config))
