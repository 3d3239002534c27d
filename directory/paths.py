"""Where the directory's data lives; overridable from the environment for tests and deployments."""
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PROVIDERS_DIR = Path(os.environ.get("REFERRAL_DIRECTORY_PROVIDERS", REPO_ROOT / "providers"))
TAXONOMY_FILE = Path(os.environ.get("REFERRAL_DIRECTORY_TAXONOMY", REPO_ROOT / "taxonomy.yaml"))
SCHEMA_FILE = REPO_ROOT / "schema" / "provider-profile.schema.json"
