//! Offline sync, the server's half: a device's request bytes in, the answer's bytes out.
//! Mirrors `coaching-core/src/service/sync.rs`.

use super::CoachingLibrary;
use crate::mobile::types::*;

#[uniffi::export]
impl CoachingLibrary {
    /// Answers a device's sync request as the actor the host authenticated: runs its queued
    /// operations once each; returns the answer's bytes.
    pub fn handle_sync(&self, actor: Actor, request: Vec<u8>) -> R<Vec<u8>> {
        Ok(self.inner.handle_sync(actor.core()?, &request)?)
    }
}
