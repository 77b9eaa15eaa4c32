//! Export and import of a whole practice, and the store's practices for operators' tools.
//! Mirrors `coaching-core/src/service/export/`.

use coaching_core as core;

use super::CoachingLibrary;
use crate::mobile::types::*;

fn file_error(what: &str, path: &str, e: std::io::Error) -> core::Error {
    core::Error::Storage {
        message: format!("cannot {what} {path}: {e}"),
    }
}

#[uniffi::export]
impl CoachingLibrary {
    /// Writes the whole practice as one JSON document (docs/export-format.md) to the file at
    /// `path`, streamed: under a temporary name beside it, moved into place when complete (a
    /// refused or failed export leaves the file as it was). The owner only.
    pub fn export_practice(&self, actor: Actor, practice_id: String, path: String) -> R<()> {
        core::export_to_path(&self.inner, actor.core()?, id(&practice_id)?, path.as_ref())?;
        Ok(())
    }

    /// Loads the export document in the file at `path` into this store, which must not hold
    /// its practice yet, in one transaction; a document the library would not accept is a
    /// `Validation` error whose field is the place in the document, and nothing is written.
    pub fn import_practice(&self, path: String) -> R<Practice> {
        let mut f = std::fs::File::open(&path).map_err(|e| file_error("read", &path, e))?;
        Ok(self.inner.import_practice(&mut f)?.practice.into())
    }

    /// Every practice the store holds, for operators' tools; a host shows a person only the
    /// practices they belong to.
    pub fn practices(&self) -> R<Vec<Practice>> {
        Ok(list(self.inner.practices()?))
    }
}
