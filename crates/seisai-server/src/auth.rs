//! API keys and roles. Keys are stored as sha256 hashes in
//! `DATA_DIR/keys.json`; the key itself is shown once, when created.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a key may do. Roles are ordered: each includes the ones before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Match, search, screen.
    Screen,
    /// Screening plus review of results.
    Analyst,
    /// Analyst plus approval of decisions.
    Approver,
    /// Everything: import, sync, configuration.
    Admin,
}

impl Role {
    /// Parses a role name (`screen`, `analyst`, `approver`, `admin`).
    pub fn parse(name: &str) -> Option<Role> {
        match name {
            "screen" => Some(Role::Screen),
            "analyst" => Some(Role::Analyst),
            "approver" => Some(Role::Approver),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// The role's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Screen => "screen",
            Role::Analyst => "analyst",
            Role::Approver => "approver",
            Role::Admin => "admin",
        }
    }
}

/// One stored key: its public id, the hash of the secret and its role.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KeyRecord {
    /// Public id, logged with each request (never the key).
    pub id: String,
    /// sha256 of the whole key, hex.
    pub sha256: String,
    /// Role.
    pub role: Role,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// Free note (who it is for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The person using the key (four-eyes compares these); None: the key id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}

impl KeyRecord {
    /// The user name: the key's user, else its id.
    pub fn user_name(&self) -> &str {
        self.user.as_deref().unwrap_or(&self.id)
    }
}

/// The keys of a data directory.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct KeyStore {
    /// The keys.
    pub keys: Vec<KeyRecord>,
}

/// Failure reading or writing the key file.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The file cannot be read or written.
    #[error("{path}: {what}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What was being done.
        what: &'static str,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a key list.
    #[error("{path}: not a valid key file: {source}")]
    Format {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: serde_json::Error,
    },
    /// No random bytes could be drawn.
    #[error("cannot draw random bytes for a key: {0}")]
    Random(String),
}

/// The key file of a data directory.
pub fn key_file(data_dir: &Path) -> PathBuf {
    data_dir.join("keys.json")
}

/// sha256 of a key, hex.
pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

impl KeyStore {
    /// Reads `path`; a missing file is an empty store.
    pub fn load(path: &Path) -> Result<KeyStore, KeyError> {
        let text = match std::fs::read(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(KeyStore::default()),
            Err(source) => return Err(KeyError::Io { path: path.into(), what: "cannot read the key file", source }),
        };
        serde_json::from_slice(&text).map_err(|source| KeyError::Format { path: path.into(), source })
    }

    /// Writes the store to `path` (via a temporary file and rename).
    pub fn save(&self, path: &Path) -> Result<(), KeyError> {
        let text = serde_json::to_vec_pretty(self).map_err(|source| KeyError::Format { path: path.into(), source })?;
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, text).map_err(|source| KeyError::Io { path: tmp.clone(), what: "cannot write", source })?;
        std::fs::rename(&tmp, path).map_err(|source| KeyError::Io { path: path.into(), what: "cannot replace", source })
    }

    /// Makes a new key with `role`; returns the secret key (shown once)
    /// and its record, already added to the store.
    pub fn add(&mut self, role: Role, note: Option<String>) -> Result<(String, KeyRecord), KeyError> {
        self.add_for_user(role, None, note)
    }

    /// Makes a new key with `role` for `user` (see [`KeyStore::add`]).
    pub fn add_for_user(&mut self, role: Role, user: Option<String>, note: Option<String>) -> Result<(String, KeyRecord), KeyError> {
        let mut id = [0u8; 4];
        let mut secret = [0u8; 24];
        getrandom::fill(&mut id).map_err(|e| KeyError::Random(e.to_string()))?;
        getrandom::fill(&mut secret).map_err(|e| KeyError::Random(e.to_string()))?;
        let id = hex::encode(id);
        let key = format!("sk_{id}_{}", hex::encode(secret));
        let record = KeyRecord { id, sha256: hash_key(&key), role, created: Utc::now(), note, user };
        self.keys.push(record.clone());
        Ok((key, record))
    }

    /// The record of a presented key, if it is known.
    pub fn check(&self, key: &str) -> Option<&KeyRecord> {
        let hash = hash_key(key);
        self.keys.iter().find(|k| k.sha256 == hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_hashed() {
        let dir = tempfile::tempdir().unwrap();
        let path = key_file(dir.path());
        let mut store = KeyStore::load(&path).unwrap();
        let (key, record) = store.add(Role::Analyst, None).unwrap();
        store.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains(&key), "the key itself must not be stored");
        let again = KeyStore::load(&path).unwrap();
        assert_eq!(again.check(&key).map(|r| r.id.clone()), Some(record.id));
        assert!(again.check("sk_nope").is_none());
        assert!(Role::Admin > Role::Screen && Role::Approver > Role::Analyst);
    }
}
