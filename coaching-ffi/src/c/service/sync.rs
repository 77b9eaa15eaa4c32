//! Offline sync, the server's half: a device's request bytes in, the answer's bytes out.
//! Mirrors `coaching-core/src/service/sync.rs`.

use std::ffi::c_char;

use super::CoachingLib;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::{guard, CoachingResult};

/// Answers a device's sync request (`request_len` bytes at `request`) as the actor the host
/// authenticated: runs its queued operations once each and writes the answer's bytes to
/// `out` (free them with `coaching_bytes_free`). See `docs/sync-design.md`.
#[no_mangle]
pub unsafe extern "C" fn coaching_handle_sync(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, request: *const u8,
    request_len: usize, out: *mut *mut CoachingBytes,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let answer = crate::c::convert::lib(lib)?
            .handle_sync(actor(actor_kind, actor_id)?, bytes(request, request_len, "request")?)?;
        put(out, bytes_raw(answer));
        Ok(())
    })
}
