//! Archive and erasure of clients. Mirrors `coaching-core/src/service/archive.rs`.

use super::CoachingLibrary;
use crate::mobile::types::*;

#[uniffi::export]
impl CoachingLibrary {
    pub fn set_client_archived(&self, actor: Actor, client_id: String, archived: bool) -> R<Client> {
        Ok(self
            .inner
            .set_client_archived(actor.core()?, id(&client_id)?, archived)?
            .into())
    }

    pub fn archived_clients(&self, actor: Actor, practice_id: String) -> R<Vec<Client>> {
        Ok(list(self.inner.archived_clients(actor.core()?, id(&practice_id)?)?))
    }

    pub fn erase_client(&self, actor: Actor, client_id: String) -> R<Client> {
        Ok(self.inner.erase_client(actor.core()?, id(&client_id)?)?.into())
    }
}
